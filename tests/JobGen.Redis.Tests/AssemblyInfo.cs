[assembly: AssemblyFixture(typeof(JobGen.Redis.Tests.RedisServerFixture))]
