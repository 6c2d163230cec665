global using System.Collections.Immutable;
global using JobGen.Generator;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.CSharp;
global using Xunit;
