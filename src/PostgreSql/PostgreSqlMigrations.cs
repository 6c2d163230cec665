namespace JobGen.Storage.PostgreSql;

/// <summary>
/// The schema, as an ordered list of migrations: version <c>i + 1</c> is <c>All[i]</c>. Applied once each, in order,
/// by <see cref="PostgreSqlMigrator"/>; never edit a released migration, add the next one. Each is written to
/// be re-runnable (IF NOT EXISTS) in case a version row was lost. <c>{s}</c> is the
/// quoted schema name.
/// </summary>
internal static class PostgreSqlMigrations
{
    public static readonly string[] All =
    [
        // 1: jobs (ready, in flight and scheduled rows of every queue), dead jobs, the queue registry, processes, stats.
        """
        CREATE SEQUENCE IF NOT EXISTS {s}.ready_seq;
        CREATE SEQUENCE IF NOT EXISTS {s}.front_seq;
        CREATE TABLE IF NOT EXISTS {s}.jobs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            queue text NOT NULL,
            state smallint NOT NULL,
            priority integer NOT NULL DEFAULT 0,
            seq bigint NOT NULL DEFAULT nextval('{s}.ready_seq'),
            lease integer NOT NULL DEFAULT 0,
            due_at timestamptz,
            payload bytea NOT NULL
        ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_cost_delay = 0);
        COMMENT ON COLUMN {s}.jobs.state IS '0 ready, 1 in flight (leased until due_at), 2 scheduled (due at due_at)';
        COMMENT ON COLUMN {s}.jobs.seq IS 'order within a priority: enqueue order; negative for jobs put back at the front (rescued, requeued)';
        COMMENT ON COLUMN {s}.jobs.lease IS 'incremented by every fetch: the lease''s identity with id';
        CREATE INDEX IF NOT EXISTS jobs_ready ON {s}.jobs (queue, priority, seq) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS jobs_due ON {s}.jobs (queue, state, due_at) WHERE state <> 0;
        CREATE TABLE IF NOT EXISTS {s}.dead (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            queue text NOT NULL,
            died_at timestamptz NOT NULL,
            record bytea NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dead_queue ON {s}.dead (queue, died_at, id);
        CREATE TABLE IF NOT EXISTS {s}.queues (name text PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS {s}.processes (
            id text PRIMARY KEY,
            host text NOT NULL,
            pid integer NOT NULL,
            queues text[] NOT NULL,
            concurrency integer NOT NULL,
            busy integer NOT NULL,
            started_at timestamptz NOT NULL,
            version text NOT NULL,
            expires_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {s}.stats (
            day date PRIMARY KEY,
            processed bigint NOT NULL DEFAULT 0,
            failed bigint NOT NULL DEFAULT 0
        );
        """,

        // 2: operator controls (paused queues, process signals) and recurring schedules with their last claimed ticks.
        // A tick lives apart from its schedule: a claim may come before the schedule is saved, and saving keeps it.
        """
        CREATE TABLE IF NOT EXISTS {s}.paused_queues (name text PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS {s}.process_signals (process_id text PRIMARY KEY, signal smallint NOT NULL);
        CREATE TABLE IF NOT EXISTS {s}.schedules (
            name text PRIMARY KEY,
            queue text NOT NULL,
            definition bytea NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {s}.schedule_ticks (name text PRIMARY KEY, last_tick timestamptz NOT NULL);
        """,

        // 3: each process's last heartbeat and the jobs it runs now (RunningJob.EncodeList), for the operator's view.
        """
        ALTER TABLE {s}.processes ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz;
        ALTER TABLE {s}.processes ADD COLUMN IF NOT EXISTS running bytea;
        """,

        // 4: unique locks (docs/flow-control.md): one row per held lock, per queue.
        """
        CREATE TABLE IF NOT EXISTS {s}.unique_locks (
            queue text NOT NULL,
            key text NOT NULL,
            job_id text NOT NULL,
            expires_at timestamptz,
            PRIMARY KEY (queue, key)
        );
        """,
    ];

    /// <summary>The version this code needs.</summary>
    public static int Latest => All.Length;
}
