using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace JobGen.Analyzers.Tests.Infrastructure;

/// <summary>Test projects look like a JobGen user's project: nullable reference types enabled.</summary>
internal static class TestProjects
{
    public static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
    }
}
