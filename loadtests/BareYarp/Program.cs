// Same YARP version, same "ReverseProxy" section and same Kestrel settings as the gateway, no MFA:
// the difference in throughput between the two is what the gateway costs.
var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration["config"] is { } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false);
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = null;
});
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
