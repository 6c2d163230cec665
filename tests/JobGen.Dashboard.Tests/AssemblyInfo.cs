[assembly: AssemblyFixture(typeof(JobGen.Dashboard.Tests.RedisFixture))]
