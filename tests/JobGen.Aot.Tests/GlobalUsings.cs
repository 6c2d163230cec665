global using JobGen.TestServers;
global using Xunit;
