using Territories.Tests.Shared;

[assembly: AssemblyFixture(typeof(PostgresServer))]
