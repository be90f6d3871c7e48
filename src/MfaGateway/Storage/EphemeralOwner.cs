namespace MfaGateway.Storage;

/// <summary>
/// Whose an ephemeral entry is (e.g. one user's pending challenges) and how many such entries that
/// owner may have: past <paramref name="MaxEntries"/>, the owner's oldest entries give way, so one
/// user looping sign-ins cannot fill the store.
/// </summary>
public readonly record struct EphemeralOwner(string Key, int MaxEntries);
