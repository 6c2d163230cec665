[assembly: AssemblyFixture(typeof(JobGen.PostgreSql.Tests.PostgresServerFixture))]
