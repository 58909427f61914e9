using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// The message queue (DigitalDelivery.Core.Messaging). Its two tables are not in the EF model: every statement on
/// them is hand-written SQL run through Npgsql (claims, batched completions, unnest inserts), so EF would only add
/// change tracking to a hot path that never uses it. TestDatabase.ModelManagedTables leaves them out of the
/// model-versus-migrations comparison.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122090000_Messaging")]
public sealed class Messaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // messaging_messages holds only unfinished messages: completed ones are deleted and dead ones move to
        // messaging_dead_letters, so the table (and the claim index) stays as small as the backlog.
        // A row is ready when lock_token IS NULL AND run_at <= now; claimed when lock_token is set, until
        // locked_until; a consumer whose lease expired loses the row to the next sweep.
        migrationBuilder.Sql("""
            CREATE TABLE messaging_messages (
                id uuid NOT NULL,
                queue text NOT NULL,
                message_type text NOT NULL,
                payload jsonb NOT NULL,
                priority smallint NOT NULL DEFAULT 0,
                run_at timestamp with time zone NOT NULL,
                enqueued_at timestamp with time zone NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                lock_token uuid NULL,
                locked_until timestamp with time zone NULL,
                dedupe_key text NULL,
                correlation_id uuid NOT NULL,
                causation_id uuid NULL,
                traceparent text NULL,
                tracestate text NULL,
                errors jsonb NULL,
                CONSTRAINT pk_messaging_messages PRIMARY KEY (id),
                CONSTRAINT ck_messaging_messages_priority CHECK (priority BETWEEN 0 AND 10),
                CONSTRAINT ck_messaging_messages_lease CHECK ((lock_token IS NULL) = (locked_until IS NULL))
            ) WITH (
                -- The table churns (insert, update, delete per message): vacuum it by row count, not by a
                -- fraction of a size that swings between empty and a large backlog, and without cost delays.
                autovacuum_vacuum_scale_factor = 0,
                autovacuum_vacuum_threshold = 2000,
                autovacuum_vacuum_insert_scale_factor = 0,
                autovacuum_vacuum_insert_threshold = 5000,
                autovacuum_analyze_scale_factor = 0,
                autovacuum_analyze_threshold = 5000,
                autovacuum_vacuum_cost_delay = 0
            );

            -- The claim: WHERE queue = $1 AND lock_token IS NULL AND run_at <= $now ORDER BY priority DESC, run_at, id.
            CREATE INDEX ix_messaging_messages_ready
                ON messaging_messages (queue, priority DESC, run_at, id) WHERE lock_token IS NULL;

            -- The sweep that frees expired leases; holds only messages in flight.
            CREATE INDEX ix_messaging_messages_leased
                ON messaging_messages (queue, locked_until) WHERE lock_token IS NOT NULL;

            -- Enqueueing a key that is still unfinished in the queue does nothing (INSERT ... ON CONFLICT DO NOTHING).
            CREATE UNIQUE INDEX ux_messaging_messages_dedupe
                ON messaging_messages (queue, dedupe_key) WHERE dedupe_key IS NOT NULL;

            CREATE TABLE messaging_dead_letters (
                id uuid NOT NULL,
                queue text NOT NULL,
                message_type text NOT NULL,
                payload jsonb NOT NULL,
                priority smallint NOT NULL,
                enqueued_at timestamp with time zone NOT NULL,
                attempts integer NOT NULL,
                dedupe_key text NULL,
                correlation_id uuid NOT NULL,
                causation_id uuid NULL,
                traceparent text NULL,
                tracestate text NULL,
                errors jsonb NOT NULL,
                last_error text NOT NULL,
                dead_lettered_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_messaging_dead_letters PRIMARY KEY (id)
            );

            CREATE INDEX ix_messaging_dead_letters_queue
                ON messaging_dead_letters (queue, message_type, dead_lettered_at, id);
            CREATE INDEX ix_messaging_dead_letters_time
                ON messaging_dead_letters (dead_lettered_at, id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE messaging_dead_letters;
            DROP TABLE messaging_messages;
            """);
    }
}
