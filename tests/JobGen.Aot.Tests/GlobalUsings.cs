global using JobGen.Testing;
global using Xunit;
