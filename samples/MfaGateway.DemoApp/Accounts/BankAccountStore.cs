using System.Security.Cryptography;

namespace MfaGateway.DemoApp.Accounts;

/// <summary>
/// Users, balances and transfer history, in memory. One lock guards all accounts so a transfer
/// moves money between two balances atomically; password hashing happens outside the lock because
/// it is deliberately slow.
/// </summary>
internal sealed partial class BankAccountStore
{
    public const int MaxReferenceLength = 140;

    // Bounded so a long load test can't grow memory without limit.
    private const int HistoryLimit = 100;
    private const int RecentTransferCount = 10;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Account> accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;
    private readonly ILogger<BankAccountStore> logger;

    public BankAccountStore(TimeProvider clock, ILogger<BankAccountStore> logger, IConfiguration configuration)
    {
        this.clock = clock;
        this.logger = logger;
        foreach (var (username, password, openingBalance) in DemoUsers.All)
        {
            accounts.Add(username, new Account(username, PasswordHash.Create(password), NewSecurityStamp(), openingBalance));
        }

        var loadTestUsers = LoadTestUsers.CountFrom(configuration);
        if (loadTestUsers > 0)
        {
            // One hash for all of them: they share the password, and hashing thousands would slow start-up.
            var password = PasswordHash.CreateCheap(LoadTestUsers.Password);
            for (var i = 1; i <= loadTestUsers; i++)
            {
                var username = LoadTestUsers.Name(i);
                accounts.Add(username, new Account(username, password, NewSecurityStamp(), LoadTestUsers.OpeningBalance));
            }
        }
    }

    /// <summary>
    /// Checks a password. Usernames are case-sensitive, so each account has exactly one spelling.
    /// Returns the account's current security stamp on success.
    /// </summary>
    public bool TryCheckPassword(string username, string password, out string securityStamp)
    {
        PasswordHash? stored;
        string? stamp;
        lock (gate)
        {
            var found = accounts.TryGetValue(username, out var account);
            stored = found ? account!.Password : null;
            stamp = found ? account!.SecurityStamp : null;
        }

        var matches = (stored ?? PasswordHash.Decoy).Matches(password) && stored is not null;
        if (matches)
        {
            LogPasswordAccepted(logger, username);
        }
        else
        {
            LogPasswordRejected(logger, username);
        }

        securityStamp = matches ? stamp! : string.Empty;
        return matches;
    }

    /// <summary>Null when the user doesn't exist. A session whose stamp differs from this one is stale.</summary>
    public string? SecurityStampOf(string username)
    {
        lock (gate)
        {
            return accounts.TryGetValue(username, out var account) ? account.SecurityStamp : null;
        }
    }

    /// <summary>Sessions only exist for known users, so a missing account here is a bug, not a user error.</summary>
    public AccountSnapshot GetAccount(string username)
    {
        lock (gate)
        {
            if (!accounts.TryGetValue(username, out var account))
            {
                throw new InvalidOperationException($"No account named '{username}'.");
            }

            var recent = account.History.TakeLast(RecentTransferCount).Reverse().ToArray();
            return new AccountSnapshot(account.Username, account.Balance, recent);
        }
    }

    public IReadOnlyList<string> RecipientsFor(string username)
    {
        lock (gate)
        {
            return accounts.Keys.Where(name => name != username).Order(StringComparer.Ordinal).ToArray();
        }
    }

    public TransferResult Transfer(string sender, string recipient, decimal amount, string? reference)
    {
        reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        var error = CheckTransferRequest(sender, recipient, amount, reference);
        if (error is not null)
        {
            return TransferResult.Failed(error.Value, recipient, amount);
        }

        amount = Money.ToCents(amount);
        decimal newBalance;
        lock (gate)
        {
            if (!accounts.TryGetValue(recipient, out var to))
            {
                return TransferResult.Failed(TransferError.UnknownRecipient, recipient, amount);
            }

            var from = accounts[sender];
            if (from.Balance < amount)
            {
                return TransferResult.Failed(TransferError.InsufficientFunds, recipient, amount);
            }

            var now = clock.GetUtcNow();
            from.Balance -= amount;
            to.Balance += amount;
            from.Record(new TransferRecord(now, TransferDirection.Outgoing, recipient, amount, reference));
            to.Record(new TransferRecord(now, TransferDirection.Incoming, sender, amount, reference));
            newBalance = from.Balance;
        }

        LogTransferred(logger, sender, recipient, amount);
        return new TransferResult(null, recipient, amount, newBalance);
    }

    public PasswordChangeResult ChangePassword(string username, string currentPassword, string newPassword)
    {
        PasswordHash? verified;
        lock (gate)
        {
            verified = accounts.TryGetValue(username, out var account) ? account.Password : null;
        }

        if (verified is null || !verified.Matches(currentPassword))
        {
            LogPasswordChangeRejected(logger, username);
            return PasswordChangeResult.WrongCurrentPassword;
        }

        var replacement = PasswordHash.Create(newPassword);
        var stamp = NewSecurityStamp();
        lock (gate)
        {
            var account = accounts[username];

            // Another request may have changed the password while this one was hashing;
            // only the hash that was actually verified may be replaced.
            if (!ReferenceEquals(account.Password, verified))
            {
                LogPasswordChangeRejected(logger, username);
                return PasswordChangeResult.WrongCurrentPassword;
            }

            account.Password = replacement;
            account.SecurityStamp = stamp;
        }

        LogPasswordChanged(logger, username);
        return new PasswordChangeResult(true, stamp);
    }

    private static TransferError? CheckTransferRequest(string sender, string recipient, decimal amount, string? reference)
    {
        if (amount <= 0m)
        {
            return TransferError.AmountNotPositive;
        }

        if (!Money.HasAtMostCents(amount))
        {
            return TransferError.AmountHasFractionsOfCents;
        }

        if (recipient == sender)
        {
            return TransferError.RecipientIsSender;
        }

        if (reference is { Length: > MaxReferenceLength })
        {
            return TransferError.ReferenceTooLong;
        }

        return null;
    }

    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private sealed class Account(string username, PasswordHash password, string securityStamp, decimal balance)
    {
        private readonly Queue<TransferRecord> history = new();

        public string Username { get; } = username;

        public PasswordHash Password { get; set; } = password;

        /// <summary>Changes with the password, so sessions issued before the change stop working.</summary>
        public string SecurityStamp { get; set; } = securityStamp;

        public decimal Balance { get; set; } = balance;

        public IEnumerable<TransferRecord> History => history;

        public void Record(TransferRecord transfer)
        {
            history.Enqueue(transfer);
            if (history.Count > HistoryLimit)
            {
                history.Dequeue();
            }
        }
    }
}
