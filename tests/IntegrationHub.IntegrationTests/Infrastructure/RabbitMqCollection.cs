namespace IntegrationHub.IntegrationTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqNode>, ICollectionFixture<PostgresCluster>, ICollectionFixture<ManagedRabbitMqNode>
{
    public const string Name = "real broker and database";
}
