using Npgsql;

namespace JobGen.Benchmarks.Postgres;

/// <summary>
/// What a queue costs PostgreSQL: the WAL position (<c>pg_current_wal_lsn()</c>, bytes) and samples of the jobs
/// table's dead tuples, autovacuum runs and size from <c>pg_stat_user_tables</c> (statistics lag by up to a second).
/// </summary>
internal sealed class PostgresCosts(NpgsqlDataSource dataSource, string schema)
{
    public async Task<long> WalPositionAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Samples until cancelled; returns the peak of dead tuples, autovacuum runs meanwhile, and the last sample.</summary>
    public async Task<(long PeakDead, long Autovacuums, long DeadAtEnd, long SizeAtEnd)> SampleJobsTableAsync(TimeSpan every, CancellationToken stop)
    {
        long peak = 0, firstVacuums = -1, vacuums = 0, dead = 0, size = 0;
        while (true)
        {
            await using (var command = dataSource.CreateCommand(
                "SELECT n_dead_tup, autovacuum_count, pg_total_relation_size(relid) FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'jobs'"))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                if (await reader.ReadAsync(CancellationToken.None))
                {
                    dead = reader.GetInt64(0);
                    vacuums = reader.GetInt64(1);
                    size = reader.GetInt64(2);
                    firstVacuums = firstVacuums < 0 ? vacuums : firstVacuums;
                    peak = Math.Max(peak, dead);
                }
            }

            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                return (peak, vacuums - Math.Max(0, firstVacuums), dead, size);
            }
        }
    }
}
