using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace IntegrationHub.Contracts.Validation;

/// <summary>The published JSON schemas (handover 1.0, feedback 1.0), loaded once from the assembly.</summary>
public static class ContractSchemas
{
    static readonly Lazy<JsonSchema> HandoverSchema = new(() => Load("handover.schema.json"));
    static readonly Lazy<JsonSchema> FeedbackSchema = new(() => Load("feedback.schema.json"));
    static readonly Lazy<JsonSchema> SignalSchema = new(() => Load("signal.schema.json"));

    public static JsonSchema Handover => HandoverSchema.Value;
    public static JsonSchema Feedback => FeedbackSchema.Value;
    /// <summary>The referral index's signal (API.md, Signals and matches).</summary>
    public static JsonSchema Signal => SignalSchema.Value;

    static JsonSchema Load(string name)
    {
        using var stream = typeof(ContractSchemas).Assembly.GetManifestResourceStream($"IntegrationHub.Contracts.Schemas.{name}")
            ?? throw new InvalidOperationException($"schema {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }

    /// <summary>Checks <paramref name="json"/> against <paramref name="schema"/>, adding every violation to the report.</summary>
    public static void Check(JsonSchema schema, string json, ValidationReport report)
    {
        ICollection<ValidationError> errors;
        try
        {
            errors = schema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            // The schema library reads with another parser; what it cannot read is named by its path, never quoted.
            var path = e is Newtonsoft.Json.JsonReaderException r ? r.Path : null;
            report.Add(ToPointer(string.IsNullOrEmpty(path) ? null : "#/" + path), "could not be read against the schema (a value out of range?)");
            return;
        }
        foreach (var error in errors)
            Add(error, report);
    }

    static void Add(ValidationError error, ValidationReport report)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value))
                Add(nested, report);
            return;
        }
        report.Add(ToPointer(error.Path), Describe(error));
    }

    /// <summary>NJsonSchema paths look like <c>#/concerns[0].domain</c>; the contract speaks JSON pointers.</summary>
    internal static string ToPointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "#")
            return "/";
        var trimmed = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        var pointer = "/" + trimmed.Replace("[", "/").Replace("]", "").Replace('.', '/');
        return pointer.Replace("//", "/");
    }

    static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => "is required",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a field of this format",
        ValidationErrorKind.PatternMismatch => $"does not have the required form ({error.Schema?.Pattern})",
        ValidationErrorKind.StringTooShort => $"is too short (at least {error.Schema?.MinLength} characters)",
        ValidationErrorKind.StringTooLong => $"is too long (at most {error.Schema?.MaxLength} characters)",
        ValidationErrorKind.NotInEnumeration => $"must be one of {string.Join(", ", EnumValues(error))}",
        ValidationErrorKind.TooFewItems => $"needs at least {error.Schema?.MinItems} item(s)",
        ValidationErrorKind.TooManyItems => $"allows at most {error.Schema?.MaxItems} item(s)",
        ValidationErrorKind.DateTimeExpected => "must be an ISO-8601 date-time with offset (2026-11-23T09:15:00+01:00)",
        ValidationErrorKind.DateExpected => "must be a date in the form yyyy-MM-dd",
        ValidationErrorKind.GuidExpected => "must be a UUID",
        ValidationErrorKind.UriExpected => "must be an absolute URI",
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.IntegerExpected => "must be an integer",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.NumberTooBig => $"must be at most {error.Schema?.Maximum}",
        ValidationErrorKind.NumberTooSmall => $"must be at least {error.Schema?.Minimum}",
        _ => $"violates the schema ({error.Kind})",
    };

    static IEnumerable<string> EnumValues(ValidationError error) =>
        error.Schema?.Enumeration.Select(v => JsonSerializer.Serialize(v)) ?? [];
}
