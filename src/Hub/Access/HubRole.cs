namespace IntegrationHub.Hub.Access;

/// <summary>Who may use the hub's non-public calls: operators (ketenbureau) or auditors. Agency systems hold neither role.</summary>
public enum HubRole
{
    Operator,
    Auditor,
}
