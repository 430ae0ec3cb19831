namespace IntegrationHub.IntegrationTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqNode>, ICollectionFixture<PostgresCluster>
{
    public const string Name = "real broker and database";
}
