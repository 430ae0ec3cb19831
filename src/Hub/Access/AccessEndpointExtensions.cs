namespace IntegrationHub.Hub.Access;

public static class AccessEndpointExtensions
{
    /// <summary>Only callers holding a key of <paramref name="role"/> (Hub:Access) reach these endpoints.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, HubRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RequireRoleFilter(role));
}
