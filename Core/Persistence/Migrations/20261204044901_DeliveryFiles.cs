using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalDelivery.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid[]>(
                name: "file_ids",
                table: "deliveries",
                type: "uuid[]",
                nullable: false,
                defaultValue: new Guid[0]);

            // The default only fills existing rows (no files); the model sets the column on every insert.
            migrationBuilder.Sql("ALTER TABLE deliveries ALTER COLUMN file_ids DROP DEFAULT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "file_ids",
                table: "deliveries");
        }
    }
}
