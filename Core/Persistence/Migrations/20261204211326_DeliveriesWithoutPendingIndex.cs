using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalDelivery.Core.Persistence.Migrations
{
    /// <summary>
    /// The partial index on pending deliveries named status, so a delivery's update to delivered could no longer be a
    /// HOT update: the deliveries benchmark's fan-out fell from 558 to 319 deliveries/s. The backlog rule counts the
    /// delivery queue's waiting attempts instead.
    /// </summary>
    public partial class DeliveriesWithoutPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_organization_id_pending",
                table: "deliveries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_deliveries_organization_id_pending",
                table: "deliveries",
                column: "organization_id",
                filter: "status = 'pending'");
        }
    }
}
