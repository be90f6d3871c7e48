using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using MfaGateway.Administration;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Cli;

/// <summary>
/// `admin-key`: makes a random admin API key and the config entry that admits it. The key is printed
/// once and stored nowhere; the config holds only its SHA-256.
/// </summary>
public static class AdminKeyCommand
{
    public const int KeyBytes = 32;
    public const int MaxNameLength = 100;

    public static Command Create()
    {
        var name = new Option<string>("--name")
        {
            Description = "Who will hold the key; recorded in the audit log with every action taken with it.",
            HelpName = "name",
            DefaultValueFactory = _ => "admin",
        };
        name.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength || value.Any(char.IsControl))
            {
                result.AddError($"--name must be 1 to {MaxNameLength} characters without control characters.");
            }
        });

        var command = new Command("admin-key", "Make a new admin API key and print it with the entry to add to Gateway:Admin:ApiKeys.")
        {
            name,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var holder = parse.GetValue(name)!.Trim();
            var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(KeyBytes));
            var entry = $"{{ \"Name\": \"{JsonEncodedText.Encode(holder)}\", \"Sha256\": \"{AdminKeyAuthenticator.Hash(key)}\" }}";
            var text = $"""
                Admin API key for "{holder}". Hand it over now: it is stored nowhere and cannot be shown again.

                {key}

                Add this entry to Gateway:Admin:ApiKeys in the gateway's config file (it holds only the key's SHA-256):

                {entry}

                Clients send the key as "Authorization: Bearer <key>" or "{AdminKeyAuthenticator.ApiKeyHeader}: <key>".
                """;
            await parse.InvocationConfiguration.Output.WriteLineAsync(text.AsMemory(), cancellationToken);
            return CliExitCodes.Success;
        });
        return command;
    }
}
