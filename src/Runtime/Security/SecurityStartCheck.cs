using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JobGen;

/// <summary>
/// Runs first when the host starts: installs the sensitive key ring and refuses to start when a registered job has a
/// <c>[Sensitive]</c> argument but <c>JobGen:Security:SensitiveKeys</c> lists no key, so the mistake shows at deploy,
/// not at the first enqueue of that job.
/// </summary>
internal sealed class SecurityStartCheck(IEnumerable<IJobDispatcher> dispatchers, IOptions<JobGenOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var security = options.Value.Security;
        if (security.SensitiveKeys.Count > 0)
        {
            SensitiveKeyRing.Install(security);
            return Task.CompletedTask;
        }

        var needing = dispatchers.SelectMany(d => d.Jobs)
            .SelectMany(j => j.Parameters.Where(p => p.Sensitive).Select(p => $"'{p.Name}' of job '{j.Job}'"))
            .ToList();
        return needing.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"JobGen:Security:SensitiveKeys lists no key, but [Sensitive] arguments need one: {string.Join(", ", needing)}. " +
                "Add a key (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) with an id; docs/security.md.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
