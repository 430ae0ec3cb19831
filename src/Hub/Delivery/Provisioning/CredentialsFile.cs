using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Hub.Delivery.Provisioning;

/// <summary>
/// Where the passwords a provisioning run issues are written, once: a new file (an existing one is never
/// overwritten, so an earlier run's passwords cannot be lost), readable by its owner only (mode 0600),
/// written before the broker is changed. The operator hands each agency its own entry over a secure
/// channel and then deletes the file (docs/operators.md).
/// </summary>
public static class CredentialsFile
{
    public static void Write(string path, string virtualHost, DateTimeOffset issuedAt, IReadOnlyList<IssuedCredential> issued)
    {
        var document = new JsonObject
        {
            ["issuedAt"] = issuedAt.ToString("O"),
            ["virtualHost"] = virtualHost,
            ["users"] = new JsonArray(issued.Select(i => (JsonNode)new JsonObject
            {
                ["user"] = i.User,
                ["agency"] = i.Agency,
                ["password"] = i.Password,
                ["reason"] = i.Reason,
            }).ToArray()),
        };
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            document.WriteTo(writer);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ProvisionException($"{path} already exists: credentials are written once to a new file; choose another path");
        }
    }
}
