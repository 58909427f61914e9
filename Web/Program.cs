using DigitalDelivery.Web.Api;
using DigitalDelivery.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAdminPortal();

var app = builder.Build();

app.UseAdminPortal();
app.MapDefaultEndpoints();
app.MapRazorComponents<App>();

await app.RunAsync();
