using System.ComponentModel;

namespace JobGen.Testing;

/// <summary>
/// The generated decoders of the jobs a test project can see, registered by the generated assertions class when
/// the test assembly loads. A <see cref="FakeJobClient"/> decodes every recorded enqueue through them, so an
/// argument payload that does not decode (or does not re-encode to the same bytes) fails at the enqueue.
/// </summary>
public static class JobDescriptions
{
    private static readonly List<Func<string, ReadOnlyMemory<byte>, string?>> s_describers = [];

    /// <summary>
    /// Adds a decoder: given a job id and its encoded arguments it returns the call's text
    /// (<c>Name(arg: value)</c>), null for a job id it does not know, and throws when the arguments do not decode.
    /// Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(Func<string, ReadOnlyMemory<byte>, string?> describer)
    {
        ArgumentNullException.ThrowIfNull(describer);
        lock (s_describers)
        {
            s_describers.Add(describer);
        }
    }

    /// <summary>The call's text, or a fallback naming the job id and the size when no generated decoder knows it.</summary>
    internal static string Describe(string job, ReadOnlyMemory<byte> arguments)
    {
        Func<string, ReadOnlyMemory<byte>, string?>[] describers;
        lock (s_describers)
        {
            describers = [.. s_describers];
        }

        foreach (var describer in describers)
        {
            string? text;
            try
            {
                text = describer(job, arguments);
            }
            catch (JobAssertionException)
            {
                throw;
            }
            catch (Exception ex)
            {
                throw new JobAssertionException($"The arguments of job '{job}' do not decode with its generated formatter: {ex.Message}", ex);
            }

            if (text is not null)
            {
                return text;
            }
        }

        return $"'{job}'({arguments.Length} argument bytes; no typed assertions generated for it)";
    }
}
