namespace MfaGateway.Configuration;

public sealed record AdminKey(string Name, byte[] Sha256);
