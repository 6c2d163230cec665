using System.Text.RegularExpressions;

namespace JobGen.Storage.PostgreSql;

/// <summary>How <see cref="PostgreSqlJobStorage"/> names its schema, migrates it and waits for work.</summary>
public sealed partial class PostgreSqlStorageOptions
{
    /// <summary>
    /// The schema holding JobGen's tables (<c>jobs</c>, <c>dead</c>, <c>queues</c>, <c>processes</c>, <c>stats</c>,
    /// <c>schema_version</c>). Several apps share one database with one schema each. Lower-case letters, digits and
    /// underscores, starting with a letter or underscore, at most 40 characters.
    /// </summary>
    public string Schema { get; set; } = "jobgen";

    /// <summary>
    /// Applies the pending migrations when the host starts (under an advisory lock, so several processes may start
    /// at once). Off by default: then a missing or older schema stops the host at start with a message naming the
    /// fix, and an operator applies the migrations with <see cref="PostgreSqlMigrator"/>.
    /// </summary>
    public bool AutoMigrate { get; set; }

    /// <summary>
    /// Longest a waiting fetch sleeps between two looks at its queues when no notification arrives. LISTEN/NOTIFY
    /// wakes it at once on enqueue; this bounds the delay when a notification is lost (listener reconnecting).
    /// </summary>
    public TimeSpan MaxNotificationWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the worker's fetch and ack transactions wait for their WAL to reach disk before they return. Off by
    /// default: they commit with <c>synchronous_commit = off</c>, so a pickup and an ack cost no disk flush. Losing
    /// them in a database crash (the last few hundred milliseconds of them) loses no job: a lost fetch leaves the job
    /// ready, a lost ack leaves its lease in flight until the rescuer returns it, and the job runs again (at least
    /// once). Enqueues, retries, kills and every operator statement always wait for the flush. Turn on to make a
    /// database crash re-run nothing that was acknowledged before it.
    /// </summary>
    public bool SynchronousWorkerCommits { get; set; }

    /// <summary>How often a queue name is re-added to the queue registry by a process that keeps enqueuing to it.</summary>
    public TimeSpan RegistryRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws with a message naming the setting to change when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Schema) || Schema.Length > 40 || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException($"PostgreSqlStorageOptions.Schema \"{Schema}\" is not a plain schema name: use lower-case letters, digits and '_', starting with a letter or '_', at most 40 characters (such as \"jobgen\").");
        }

        if (MaxNotificationWait < TimeSpan.FromMilliseconds(10) || MaxNotificationWait > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("PostgreSqlStorageOptions.MaxNotificationWait must be between 10 ms and 1 minute.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
