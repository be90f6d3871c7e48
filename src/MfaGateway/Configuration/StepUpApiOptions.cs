namespace MfaGateway.Configuration;

/// <summary>"Gateway:StepUpApi": the keys app backends call the step-up API with, each bound to one app.</summary>
public sealed class StepUpApiOptions
{
    public List<StepUpApiKeyOptions> Keys { get; set; } = [];
}

public sealed class StepUpApiKeyOptions
{
    /// <summary>Who holds the key (the app's backend); recorded in the audit log with each step-up.</summary>
    public string? Name { get; set; }

    /// <summary>The app (Gateway:Apps) whose users the key may step up; never another's.</summary>
    public string? App { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key; the key itself never goes in config (`MfaGateway admin-key` makes one).</summary>
    public string? Sha256 { get; set; }
}
