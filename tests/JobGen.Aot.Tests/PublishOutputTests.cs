namespace JobGen.Aot.Tests;

/// <summary>
/// The publish check is only as good as its reading of the output: these are the shapes the C# compiler's
/// analyzers, ILLink and ILC print (copied from a scratch project that calls Type.GetType and MessagePackSerializer).
/// </summary>
public sealed class PublishOutputTests
{
    [Fact]
    public void Finds_every_shape_of_trim_and_aot_warning_once()
    {
        const string output = """
              Worker -> /work/samples/Worker/bin/Release/net10.0/linux-x64/Worker.dll
            /src/Program.cs(1,9): warning IL2057: Unrecognized value passed to the parameter 'typeName' of method 'System.Type.GetType(String)'. [/src/x.csproj]
            /src/Program.cs(1): Trim analysis warning IL2057: Program.<Main>$(String[]): Unrecognized value passed to the parameter 'typeName'. [/src/x.csproj]
            G:\src\MessagePack\IFormatterResolver.cs(95): AOT analysis warning IL3050: MessagePack.FormatterResolverExtensions.GetFormatterDynamic(IFormatterResolver,Type): Using member 'System.Reflection.MethodInfo.MakeGenericMethod(Type[])'. [/src/x.csproj]
            ILLink : Trim analysis warning IL2104: Assembly 'Some.Package' produced trim warnings. [/src/x.csproj]
            /src/Program.cs(1,9): warning IL2057: Unrecognized value passed to the parameter 'typeName' of method 'System.Type.GetType(String)'. [/src/x.csproj]
            /src/Other.cs(3,1): error IL3051: 'RequiresDynamicCodeAttribute' annotations must match. [/src/x.csproj]
              Generating native code
            /src/Program.cs(4,1): warning CS0168: The variable 'e' is declared but never used [/src/x.csproj]
            """;

        var found = PublishedWorker.FindTrimAndAotDiagnostics(output);

        Assert.Equal(5, found.Count);
        Assert.Equal(["IL2057", "IL2057", "IL3050", "IL2104", "IL3051"], found.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"IL\d{4}").Value));
    }

    [Fact]
    public void A_clean_publish_has_none()
    {
        const string output = """
              Determining projects to restore...
              JobGen.Runtime -> /work/src/Runtime/bin/Release/net10.0/JobGen.Runtime.dll
              Generating native code
              Worker -> /tmp/jobgen-aot-worker-x/
            """;

        Assert.Empty(PublishedWorker.FindTrimAndAotDiagnostics(output));
    }
}
