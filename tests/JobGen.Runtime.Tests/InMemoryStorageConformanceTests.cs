using JobGen.Storage;
using JobGen.Storage.InMemory;
using JobGen.Storage.Testing;

namespace JobGen.Runtime.Tests;

/// <summary>The conformance suite on the embedded in-memory storage.</summary>
public sealed class InMemoryStorageConformanceTests : StorageConformanceTests
{
    protected override ValueTask<IJobStorage> CreateStorageAsync() => ValueTask.FromResult<IJobStorage>(new InMemoryJobStorage());
}
