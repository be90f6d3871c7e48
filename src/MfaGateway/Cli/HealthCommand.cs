using System.CommandLine;

namespace MfaGateway.Cli;

/// <summary>
/// `health --url`: asks a running gateway's health endpoint, for a container HEALTHCHECK (the runtime
/// image has no curl). Exit 0 when it answers 200, 4 otherwise.
/// </summary>
public static class HealthCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The gateway's health endpoint.",
            HelpName = "url",
            DefaultValueFactory = _ => "http://127.0.0.1:8080/.mfa/health",
        };
        url.Validators.Add(result =>
        {
            if (Parse(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--url must be an absolute http or https URL.");
            }
        });

        var command = new Command("health", "Ask a running gateway whether it is healthy (for container health checks). Exit 0 healthy, 4 unhealthy.")
        {
            url,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = Parse(parse.GetValue(url))!;
            var invocation = parse.InvocationConfiguration;
            using var client = new HttpClient { Timeout = Timeout };
            try
            {
                using var response = await client.GetAsync(target, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    await invocation.Output.WriteLineAsync($"{target}: healthy".AsMemory(), cancellationToken);
                    return CliExitCodes.Success;
                }

                await invocation.Error.WriteLineAsync($"{target}: unhealthy ({(int)response.StatusCode})".AsMemory(), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await invocation.Error.WriteLineAsync($"{target}: unhealthy ({ex.Message})".AsMemory(), cancellationToken);
            }

            return CliExitCodes.Unhealthy;
        });
        return command;
    }

    private static Uri? Parse(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
