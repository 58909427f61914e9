using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// The sandbox card processor's own tables. They stand for a third party's database, so they are not in the EF
/// model (the sandbox reads them with plain SQL), carry no tenant, and are left out of the schema comparison
/// (TestDatabase.ModelManagedTables). Card numbers are never stored, only their last four digits.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122100000_PaymentSandbox")]
public sealed class PaymentSandbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE sandbox_payments (
                id text PRIMARY KEY,
                status text NOT NULL CHECK (status IN ('authorized', 'declined', 'captured', 'partially_refunded', 'refunded', 'voided')),
                amount bigint NOT NULL CHECK (amount > 0),
                currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
                captured_amount bigint NOT NULL DEFAULT 0,
                refunded_amount bigint NOT NULL DEFAULT 0,
                order_reference text NOT NULL,
                card_last4 text NOT NULL,
                decline_code text NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT ck_sandbox_payments_captured CHECK (captured_amount BETWEEN 0 AND amount),
                CONSTRAINT ck_sandbox_payments_refunded CHECK (refunded_amount BETWEEN 0 AND captured_amount)
            );

            -- One row per idempotency key: inserted first in the request's transaction (a concurrent request with
            -- the same key waits on it), completed with the answer before commit, replayed for 24 hours.
            CREATE TABLE sandbox_idempotency (
                key text PRIMARY KEY,
                request_hash bytea NOT NULL,
                response_status integer NULL,
                response_body text NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX ix_sandbox_idempotency_created_at ON sandbox_idempotency (created_at);

            -- Webhooks to send, written in the same transaction as the payment change (an outbox). Delivered rows
            -- are deleted; next_attempt_at is NULL once delivery was given up.
            CREATE TABLE sandbox_webhook_outbox (
                event_id text PRIMARY KEY,
                event_type text NOT NULL,
                payload bytea NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NULL,
                last_error text NULL
            );
            CREATE INDEX ix_sandbox_webhook_outbox_due ON sandbox_webhook_outbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE sandbox_webhook_outbox; DROP TABLE sandbox_idempotency; DROP TABLE sandbox_payments;");
    }
}
