using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>Payment webhook event ids already handled (Payments/Webhooks/ProcessedPaymentEventConfiguration).</summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122100100_ProcessedPaymentEvents")]
public sealed class ProcessedPaymentEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "processed_payment_events",
            columns: table => new
            {
                event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_processed_payment_events", x => x.event_id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "processed_payment_events");
    }
}
