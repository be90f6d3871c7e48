namespace MfaGateway.DemoApp.Api;

// The JSON shapes of the API. Property names are camelCased by the default web JSON options.

internal sealed record ApiError(string Error);

internal sealed record AccountResponse(string User, decimal Balance, string Currency);

/// <summary>Everything nullable: a missing field is reported as an API error, not a binding exception.</summary>
internal sealed record TransferRequest(string? To, decimal? Amount, string? Reference);

internal sealed record TransferResponse(string Status, string To, decimal Amount, decimal Balance);
