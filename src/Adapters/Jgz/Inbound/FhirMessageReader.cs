using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// Decides what an inbound FHIR message is (a referral bundle, or one or more Tasks reporting
/// feedback), translates it, and has the hub's own validators check the result.
/// </summary>
sealed class FhirMessageReader(AdapterContext context)
{
    static readonly string[] BundleTypes = ["transaction", "batch", "collection", "message"];

    public InboundResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Invalid("resourceType", "the body must be a FHIR resource (a JSON object)");
        if (!root.TryGetProperty("resourceType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            return Invalid("resourceType", "is required: a Bundle (handover) or a Task (feedback)");
        var rootType = typeElement.GetString()!;

        Resource? resource;
        try
        {
            resource = root.Deserialize<Resource>(FhirJson.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            var path = e is JsonException { Path: { } jsonPath } ? rootType + jsonPath.TrimStart('$') : rootType;
            return Invalid(path, "has the wrong JSON type for this FHIR element");
        }
        return resource switch
        {
            Bundle bundle => ReadBundle(bundle, root),
            FhirTask task => ReadFeedback(new ResourceIndex(new Located(task, "Task")), [new Located(task, "Task")]),
            _ => Invalid("resourceType", $"'{rootType}' is not accepted: send a Bundle (handover) or a Task (feedback)"),
        };
    }

    InboundResult ReadBundle(Bundle bundle, JsonElement root)
    {
        var problems = new List<ValidationProblem>();
        if (bundle.Type is not { } type || !BundleTypes.Contains(type))
            problems.Add(new("Bundle.type", $"'{bundle.Type}' is not accepted; expected one of {string.Join(", ", BundleTypes)}"));
        problems.AddRange(EntriesWithoutType(root));

        var index = new ResourceIndex(bundle);
        var tasks = index.OfType<FhirTask>().ToList();
        if (tasks.Count == 0)
            problems.Add(new("Bundle.entry", "holds no Task: a handover is a Task with its ServiceRequest and Patient, feedback a Task on its own"));
        if (problems.Count > 0)
            return InboundResult.Invalid(problems);

        var isHandover = index.OfType<ServiceRequest>().Any() || index.OfType<Patient>().Any();
        if (!isHandover)
            return ReadFeedback(index, tasks);
        if (tasks.Count > 1)
            return InboundResult.Invalid([new("Bundle.entry", $"holds {tasks.Count} Tasks: a handover bundle holds exactly one")]);

        var t = new Translation("Bundle");
        var doc = new HandoverReader(bundle, index, t).Read(tasks[0]);
        var json = doc!.ToJsonString(HubJson.Options);
        t.AddCanonical(new HandoverValidator(context.Agencies, context.Clock).Validate(json).Report.Problems);
        return t.Problems.Count > 0 ? InboundResult.Invalid(t.Problems) : InboundResult.Of(new InboundHandover(json));
    }

    InboundResult ReadFeedback(ResourceIndex index, List<Located> tasks)
    {
        var problems = new List<ValidationProblem>();
        var messages = new List<InboundMessage>();
        var validator = new FeedbackValidator(context.Agencies, context.Clock);
        foreach (var task in tasks)
        {
            var t = new Translation(task.Path);
            var (doc, handoverId) = new FeedbackReader(index, t).Read(task);
            var json = doc.ToJsonString(HubJson.Options);
            t.AddCanonical(validator.Validate(json).Report.Problems);
            problems.AddRange(t.Problems);
            if (handoverId is { } id)
                messages.Add(new InboundFeedback(id, json));
        }
        // All or nothing: one bad Task spoils the message.
        return problems.Count > 0 ? InboundResult.Invalid(problems) : new InboundResult { Messages = messages };
    }

    /// <summary>An entry whose resource has no resourceType cannot be told apart from noise; say so.</summary>
    static IEnumerable<ValidationProblem> EntriesWithoutType(JsonElement root)
    {
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            yield break;
        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource)
                && (!resource.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String))
                yield return new ValidationProblem($"Bundle.entry[{i}].resource.resourceType", "is required");
            i++;
        }
    }

    static InboundResult Invalid(string path, string reason) => InboundResult.Invalid([new ValidationProblem(path, reason)]);
}
