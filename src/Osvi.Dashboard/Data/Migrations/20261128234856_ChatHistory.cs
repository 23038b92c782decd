using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Osvi.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChatHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChatHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgentUuid = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reply = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HelpRequested = table.Column<bool>(type: "INTEGER", nullable: true),
                    ActiveHuman = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContextJson = table.Column<string>(type: "TEXT", nullable: true),
                    InputFieldsJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatHistory", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChatHistory_AgentUuid_CustomerId_Id",
                table: "ChatHistory",
                columns: new[] { "AgentUuid", "CustomerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ChatHistory_At",
                table: "ChatHistory",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ChatHistory_SessionId_Id",
                table: "ChatHistory",
                columns: new[] { "SessionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChatHistory");
        }
    }
}
