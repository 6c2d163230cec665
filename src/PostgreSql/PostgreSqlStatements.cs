using System.Globalization;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// Every statement the storage sends, written once per schema. <c>jobs.state</c>: 0 ready, 1 in flight (leased until
/// <c>due_at</c>), 2 scheduled (due at <c>due_at</c>). Ready order is <c>(priority, seq)</c>: <c>seq</c> comes from
/// <c>ready_seq</c> at enqueue and promotion, and is <c>-nextval(front_seq)</c> for jobs put back at the front.
/// Statements that make work ready also <c>pg_notify</c> the schema's channel with the queue name.
/// </summary>
internal sealed class PostgreSqlStatements
{
    // The tail of promote and rescue: one notification when anything moved, and the count.
    private const string NotifyIfMoved = "note AS (SELECT pg_notify($4, $1) FROM (SELECT 1 FROM moved LIMIT 1) x) " +
        "SELECT (SELECT count(*)::integer FROM moved), (SELECT count(*)::integer FROM note)";

    private readonly string[] _fetchByQueueCount = new string[8];

    public PostgreSqlStatements(string schema)
    {
        var s = PostgreSqlMigrator.Quote(schema);
        Schema = s;
        Channel = "jobgen_" + schema;

        // The plain enqueue notifies apart (PostgreSqlReadyNotifier); the others notify inside, at their commit.
        Enqueue = $"INSERT INTO {s}.jobs (queue, state, priority, payload) VALUES ($1, 0, $3, $2)";
        EnqueueRegistering = $"WITH reg AS (INSERT INTO {s}.queues (name) VALUES ($1) ON CONFLICT DO NOTHING) " +
            $"INSERT INTO {s}.jobs (queue, state, priority, payload) VALUES ($1, 0, $3, $2)";
        EnqueueAndRegister = $"WITH reg AS (INSERT INTO {s}.queues (name) VALUES ($1) ON CONFLICT DO NOTHING), " +
            $"ins AS (INSERT INTO {s}.jobs (queue, state, priority, payload) VALUES ($1, 0, $3, $2)) SELECT pg_notify($4, $1)";
        Schedule = $"WITH reg AS (INSERT INTO {s}.queues (name) VALUES ($1) ON CONFLICT DO NOTHING) " +
            $"INSERT INTO {s}.jobs (queue, state, priority, due_at, payload) VALUES ($1, 2, $4, $3, $2)";

        // unnest keeps the given order (WITH ORDINALITY ... ORDER BY), so ready_seq follows it within each queue.
        EnqueueMany = $"WITH reg AS (INSERT INTO {s}.queues (name) SELECT DISTINCT q FROM unnest($1::text[]) q ON CONFLICT DO NOTHING), " +
            $"ins AS (INSERT INTO {s}.jobs (queue, state, priority, payload) SELECT u.q, 0, u.pr, u.p FROM unnest($1::text[], $2::bytea[], $4::integer[]) WITH ORDINALITY AS u(q, p, pr, n) ORDER BY u.n) " +
            "SELECT pg_notify($3, q) FROM (SELECT DISTINCT unnest($1::text[]) q) d";

        Ack = $"DELETE FROM {s}.jobs WHERE id = $1 AND lease = $2 AND state = 1";
        AckMany = $"DELETE FROM {s}.jobs j USING unnest($1::bigint[], $2::integer[]) AS u(id, lease) " +
            "WHERE j.id = u.id AND j.lease = u.lease AND j.state = 1 RETURNING j.id";
        Retry = $"UPDATE {s}.jobs SET state = 2, due_at = $3, payload = $4 WHERE id = $1 AND lease = $2 AND state = 1";
        Kill = $"WITH gone AS (DELETE FROM {s}.jobs WHERE id = $1 AND lease = $2 AND state = 1 RETURNING queue) " +
            $"INSERT INTO {s}.dead (queue, died_at, record) SELECT queue, $3, $4 FROM gone";
        TrimDeadByAge = $"DELETE FROM {s}.dead WHERE queue = $1 AND died_at < $2";
        TrimDeadByCount = $"DELETE FROM {s}.dead WHERE id IN (SELECT id FROM {s}.dead WHERE queue = $1 ORDER BY died_at DESC, id DESC OFFSET $2)";

        // Given in order, numbered from the last so the first gets the smallest (front-most) seq.
        Requeue = $"WITH back AS (SELECT u.id, u.lease, nextval('{s}.front_seq') AS f FROM " +
            "(SELECT * FROM unnest($1::bigint[], $2::integer[]) WITH ORDINALITY AS x(id, lease, n) ORDER BY n DESC) u), " +
            $"moved AS (UPDATE {s}.jobs j SET state = 0, due_at = NULL, seq = -back.f FROM back " +
            "WHERE j.id = back.id AND j.lease = back.lease AND j.state = 1 RETURNING j.queue) " +
            "SELECT pg_notify($3, q) FROM (SELECT DISTINCT queue q FROM moved) d";
        Renew = $"UPDATE {s}.jobs j SET due_at = $3 FROM unnest($1::bigint[], $2::integer[]) AS u(id, lease) " +
            "WHERE j.id = u.id AND j.lease = u.lease AND j.state = 1";

        Promote = $"WITH due AS (SELECT d.id, nextval('{s}.ready_seq') AS seq FROM " +
            $"(SELECT id FROM {s}.jobs WHERE queue = $1 AND state = 2 AND due_at <= $2 ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) d), " +
            $"moved AS (UPDATE {s}.jobs j SET state = 0, due_at = NULL, seq = due.seq FROM due WHERE j.id = due.id RETURNING 1), " +
            NotifyIfMoved;
        // The longest-expired first, up to $3; numbered from the last so the first lands front-most.
        Rescue = $"WITH late AS (SELECT d.id, nextval('{s}.front_seq') AS f FROM (SELECT * FROM " +
            $"(SELECT id, due_at FROM {s}.jobs WHERE queue = $1 AND state = 1 AND due_at < $2 ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) e " +
            "ORDER BY due_at DESC, id DESC) d), " +
            $"moved AS (UPDATE {s}.jobs j SET state = 0, due_at = NULL, seq = -late.f FROM late WHERE j.id = late.id RETURNING 1), " +
            NotifyIfMoved;
        Queues = $"SELECT name FROM {s}.queues ORDER BY name COLLATE \"C\"";

        // Operator controls (schema version 2). The scheduled job picked is the earliest due with that payload.
        var pickScheduled = $"(SELECT id FROM {s}.jobs WHERE queue = $1 AND state = 2 AND payload = $2 ORDER BY due_at, id LIMIT 1 FOR UPDATE)";
        ClearReady = $"DELETE FROM {s}.jobs WHERE queue = $1 AND state = 0";
        DeleteScheduled = $"DELETE FROM {s}.jobs WHERE id = {pickScheduled} AND state = 2";
        RunScheduledNow = $"WITH moved AS (UPDATE {s}.jobs SET state = 0, due_at = NULL, seq = -nextval('{s}.front_seq') " +
            $"WHERE id = {pickScheduled} AND state = 2 RETURNING 1), " +
            "note AS (SELECT pg_notify($3, $1) FROM moved) " +
            "SELECT (SELECT count(*)::integer FROM moved), (SELECT count(*)::integer FROM note)";

        KillScheduled = $"WITH gone AS (DELETE FROM {s}.jobs WHERE id = {pickScheduled} AND state = 2 RETURNING queue) " +
            $"INSERT INTO {s}.dead (queue, died_at, record) SELECT queue, $3, $4 FROM gone";

        // One statement, so exactly one of any number of racing claims moves last_tick forward (the upsert's row
        // lock serializes them and the loser re-checks the WHERE against the winner's tick) and only it enqueues.
        ClaimTick = $"WITH claim AS (INSERT INTO {s}.schedule_ticks AS t (name, last_tick) VALUES ($1, $3) " +
            "ON CONFLICT (name) DO UPDATE SET last_tick = EXCLUDED.last_tick WHERE t.last_tick < EXCLUDED.last_tick RETURNING 1), " +
            $"reg AS (INSERT INTO {s}.queues (name) SELECT $2 FROM claim ON CONFLICT DO NOTHING), " +
            $"ins AS (INSERT INTO {s}.jobs (queue, state, payload) SELECT $2, 0, $4 FROM claim RETURNING 1), " +
            "note AS (SELECT pg_notify($5, $2) FROM ins) " +
            "SELECT (SELECT count(*)::integer FROM ins), (SELECT count(*)::integer FROM note)";

        // The upsert always returns the row as it is after this statement (waiting for a racing insert to commit):
        // the lock's holder, which is $3 exactly when this statement took it; only then are the job and registry written.
        EnqueueUnique = $"WITH lock AS (INSERT INTO {s}.unique_locks AS l (queue, key, job_id, expires_at) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (queue, key) DO UPDATE SET " +
            "job_id = CASE WHEN l.expires_at <= $5 THEN EXCLUDED.job_id ELSE l.job_id END, " +
            "expires_at = CASE WHEN l.expires_at <= $5 THEN EXCLUDED.expires_at ELSE l.expires_at END RETURNING l.job_id), " +
            $"reg AS (INSERT INTO {s}.queues (name) SELECT $1 FROM lock WHERE job_id = $3 ON CONFLICT DO NOTHING), " +
            $"ins AS (INSERT INTO {s}.jobs (queue, state, due_at, payload) SELECT $1, CASE WHEN $6::timestamptz IS NULL THEN 0 ELSE 2 END, $6, $7 FROM lock WHERE job_id = $3) " +
            "SELECT job_id FROM lock";
        ReleaseUnique = $"DELETE FROM {s}.unique_locks WHERE queue = $1 AND key = $2 AND job_id = $3";
    }

    public string EnqueueUnique { get; }

    public string ReleaseUnique { get; }

    public string Schema { get; }

    /// <summary>The LISTEN/NOTIFY channel of this schema; the payload of each notification is a queue name.</summary>
    public string Channel { get; }

    public string Enqueue { get; }

    public string EnqueueAndRegister { get; }

    public string EnqueueRegistering { get; }

    public string Schedule { get; }

    public string EnqueueMany { get; }

    public string Ack { get; }

    public string AckMany { get; }

    public string Retry { get; }

    public string Kill { get; }

    public string TrimDeadByAge { get; }

    public string TrimDeadByCount { get; }

    public string Requeue { get; }

    public string Renew { get; }

    public string Promote { get; }

    public string Rescue { get; }

    public string Queues { get; }

    public string ClearReady { get; }

    public string DeleteScheduled { get; }

    public string RunScheduledNow { get; }

    public string KillScheduled { get; }

    public string ClaimTick { get; }

    /// <summary>
    /// One statement that leases up to <c>$1</c> ready jobs of queues <c>$3..</c> (in that order: each queue's branch
    /// runs only while the ones before it left room) until <c>$2</c>, locking with SKIP LOCKED so concurrent fetchers
    /// never wait for each other. Rows come back unordered: the caller sorts them.
    /// </summary>
    public string Fetch(int queueCount)
    {
        if (queueCount < _fetchByQueueCount.Length && _fetchByQueueCount[queueCount] is { } cached)
        {
            return cached;
        }

        var branches = Enumerable.Range(0, queueCount).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"SELECT id FROM (SELECT id FROM {Schema}.jobs WHERE state = 0 AND queue = ${i + 3} ORDER BY priority, seq LIMIT $1 FOR UPDATE SKIP LOCKED) b{i}"));
        var sql = $"WITH picked AS (SELECT id FROM ({string.Join(" UNION ALL ", branches)}) c LIMIT $1) " +
            $"UPDATE {Schema}.jobs j SET state = 1, due_at = $2, lease = j.lease + 1 FROM picked WHERE j.id = picked.id " +
            "RETURNING j.id, j.lease, j.queue, j.priority, j.seq, j.payload";
        if (queueCount < _fetchByQueueCount.Length)
        {
            _fetchByQueueCount[queueCount] = sql;
        }

        return sql;
    }
}
