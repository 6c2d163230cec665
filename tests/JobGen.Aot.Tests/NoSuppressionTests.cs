using System.Text.RegularExpressions;

namespace JobGen.Aot.Tests;

/// <summary>
/// "Zero warnings" means nothing: the publish check is only worth something if no JobGen source, generator
/// template or project file hides trim/AOT warnings. This fails on any suppression of IL2xxx/IL3xxx.
/// </summary>
public sealed partial class NoSuppressionTests
{
    [Fact]
    public void No_JobGen_source_or_project_suppresses_trim_or_aot_warnings()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "src", "samples" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
                if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || Path.GetExtension(file) is not (".cs" or ".csproj" or ".props" or ".targets" or ".editorconfig" or ".globalconfig" or ".xml"))
                {
                    continue;
                }

                var lineNumber = 0;
                foreach (var line in File.ReadLines(file))
                {
                    lineNumber++;
                    if (Suppression().IsMatch(line))
                    {
                        offenders.Add($"{relative}:{lineNumber}: {line.Trim()}");
                    }
                }
            }
        }

        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", ".editorconfig" }.Select(f => Path.Combine(RepositoryPaths.Root, f)).Where(File.Exists))
        {
            offenders.AddRange(File.ReadLines(file).Where(l => Suppression().IsMatch(l)).Select(l => $"{Path.GetFileName(file)}: {l.Trim()}"));
        }

        Assert.True(offenders.Count == 0, "trim/AOT warnings suppressed:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    // NoWarn/WarningsNotAsErrors lists, [UnconditionalSuppressMessage]/[SuppressMessage], #pragma warning disable,
    // .editorconfig severities and the MSBuild switches that silence the trimmer or the AOT compiler.
    [GeneratedRegex(@"(NoWarn|WarningsNotAsErrors|SuppressMessage|#pragma\s+warning\s+disable|dotnet_diagnostic\.)[^\n]*\bIL[23]\d{3}\b|SuppressTrimAnalysisWarnings|SuppressAotAnalysisWarnings|EnableTrimAnalyzer>\s*false|EnableAotAnalyzer>\s*false", RegexOptions.IgnoreCase)]
    private static partial Regex Suppression();
}
