namespace MfaGateway.Regulation;

public sealed record Regulated(RegulationVerdict Verdict, TimeSpan? RetryAfter = null);
