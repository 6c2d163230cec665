namespace JobGen.Aot.Tests;

/// <summary>One Native AOT publish per test run, shared by every test class that needs the binary.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedWorkerCollection : ICollectionFixture<PublishedWorker>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "published worker";
}
