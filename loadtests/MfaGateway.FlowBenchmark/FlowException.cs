namespace MfaGateway.FlowBenchmark;

/// <summary>A flow that did not end as a complete step-up: counted as an error.</summary>
public sealed class FlowException(string message) : Exception(message);
