namespace MfaGateway.Risk.Devices;

/// <summary>A device id the browser does not have yet, and the protected token its cookie carries.</summary>
public sealed record IssuedDeviceId(string Id, string Token);
