using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Administration;

public sealed class AdminOpenApiTests
{
    [Fact]
    public async Task The_openapi_document_describes_every_admin_endpoint_and_nothing_else()
    {
        await using var admin = await AdminApiHost.StartAsync();

        var document = await AdminApiHost.ReadAsync(await admin.GetAsync(AdminApiHost.Document), HttpStatusCode.OK);

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var mapped = admin.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(AdminApiHost.Api, StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(13, mapped.Count);
        Assert.Equal(mapped, documented);
        var expected = AdminApiHost.Endpoints
            .Select(e => $"{e.Method} {e.Path.Replace("/bank/alice", "/{realm}/{user}", StringComparison.Ordinal).Replace(AdminApiHost.NoSuchDevice, "{id}", StringComparison.Ordinal)}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, documented);

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name} {path.Name}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), name);
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("description").GetString()), name);
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("200", out _) || responses.TryGetProperty("201", out _), $"{name} documents no success");
                foreach (var status in new[] { "401", "404" })
                {
                    Assert.True(responses.TryGetProperty(status, out _), $"{name} does not document {status}");
                }
            }
        }
    }

    [Fact]
    public async Task The_openapi_document_names_the_key_schemes_and_the_snake_case_schemas()
    {
        await using var admin = await AdminApiHost.StartAsync();

        var document = await AdminApiHost.ReadAsync(await admin.GetAsync(AdminApiHost.Document), HttpStatusCode.OK);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("api_key").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("api_key").GetProperty("in").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var status = schemas.GetProperty("UserStatus").GetProperty("properties");
        foreach (var property in new[] { "mfa_enabled", "factor_count", "factor_types", "recovery_codes_left", "trusted_devices", "consecutive_failures", "locked", "banned_until", "mfa_required", "webauthn_credentials" })
        {
            Assert.True(status.TryGetProperty(property, out _), $"UserStatus has no {property}");
        }

        Assert.Equal("integer", status.GetProperty("factor_count").GetProperty("type").GetString());
        Assert.True(schemas.GetProperty("GatewayError").GetProperty("properties").TryGetProperty("error_description", out _));
        Assert.True(schemas.GetProperty("AuditListResponse").GetProperty("properties").TryGetProperty("next_page", out _));
        Assert.True(schemas.GetProperty("AdminActionRequest").GetProperty("properties").TryGetProperty("reason", out _));

        var pageSize = document.GetProperty("paths").GetProperty($"{AdminApiHost.Api}/audit").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "page_size");
        Assert.Equal("query", pageSize.GetProperty("in").GetString());
        Assert.Equal(500, pageSize.GetProperty("schema").GetProperty("maximum").GetInt32());
    }
}
