using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalDelivery.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationSuspension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "suspended_at",
                table: "organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspension_reason",
                table: "organizations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "suspension_reason",
                table: "organizations");
        }
    }
}
