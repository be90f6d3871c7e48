namespace MfaGateway.Observability;

/// <summary>
/// Every log event id of the gateway, in one place so that no two events share one (a test pins it
/// and that every [LoggerMessage] names its id from here). Ids are what operators filter and alert
/// on: an event keeps its id when its code moves; a new event takes a free id in its feature's range.
/// </summary>
public static class EventIds
{
    // 1000-1099: configuration loading and reloads.
    public const int ConfigReloaded = 1001;
    public const int ConfigReloadRejected = 1002;
    public const int StartupSettingsChanged = 1003;

    // 2000-2099: challenges (issued, passed, failed, enrolment).
    public const int ChallengeIssued = 2001;
    public const int ChallengePassed = 2002;
    public const int ChallengeFailed = 2003;
    public const int UserLocked = 2004;
    public const int FactorEnrolled = 2005;

    // 3000-3099: identity from tokens (JWT).
    public const int JwtRejected = 3001;

    // 4000-4099: enforcement refusing a request its route cannot serve.
    public const int NoAppForIdentityRoute = 4001;
    public const int RepeatedSessionCookie = 4002;

    // 5000-5099: form login watched on the app's login path.
    public const int LoginSubmissionRefused = 5001;
    public const int LoginWithoutUserName = 5002;
    public const int UnexpectedLoginDecision = 5003;

    // 5100-5199: the app's own session, tracked against the gateway's.
    public const int AppSessionRebound = 5101;

    // 5300-5399: login cookies learned and withheld as credentials.
    public const int LoginCookieLearned = 5301;
    public const int LoginCookieNotStored = 5302;

    // 6000-6099: the audit log itself.
    public const int AuditWriteFailed = 6001;
    public const int AuditStoppedWithBacklog = 6002;

    // 7000-7099: risk evaluation and its data sources.
    public const int RiskAssessed = 7001;
    public const int RiskDataWarning = 7002;
    public const int RiskDataSummary = 7003;

    // 7100-7199: GeoIP databases.
    public const int GeoDatabaseReloaded = 7101;
    public const int GeoDatabaseReloadRejected = 7102;
    public const int GeoLookupFailed = 7103;

    // 7200-7299: password changes. PasswordChanged was 7101 until it was found sharing that id with GeoIP.
    public const int PasswordChanged = 7201;

    // 7400-7499: IP reputation (block lists, providers).
    public const int BlockListReloaded = 7401;
    public const int BlockListReloadRejected = 7402;
    public const int ReputationProviderFailed = 7411;

    // 7600-7699: watched files (config file, block lists, GeoIP databases). Watcher failures were
    // 7104 (GeoIP) and 7403 (block lists) until the three shared one watched-file abstraction.
    public const int WatchedFileWatcherFailed = 7601;
    public const int WatchedFileUnwatchable = 7602;

    // 8000-8099: retention pruning.
    public const int RetentionPruned = 8001;
    public const int RetentionFailed = 8002;

    // 8100-8199: requests refused for a path that reads two ways.
    public const int ControlCharacterPathRefused = 8100;
    public const int AmbiguousIdentityPathRefused = 8101;

    // 8200-8299: sessions ended.
    public const int EndedSessionsRefreshFailed = 8201;
    public const int EverySessionEnded = 8202;
    public const int SessionSignedOut = 8203;

    // 8300-8399: devices forgotten.
    public const int DevicesForgotten = 8300;

    // 8400-8499: regulation of code attempts, and verification asked for again.
    public const int CodeAttemptRefused = 8400;
    public const int PendingChallengeKept = 8410;

    // 8500-8599: requests or challenges that cannot be served as asked (other origin, undeliverable, forms).
    public const int OtherOriginRefused = 8500;
    public const int ChallengeUndeliverable = 8501;
    public const int FormRefused = 8502;
    public const int FormNotKept = 8503;

    // 8600-8699: health.
    public const int DatabaseUnhealthy = 8600;

    // 8700-8799: files of the data directory.
    public const int FilePermissionsTightened = 8700;

    // 8800-8899: WebAuthn credentials.
    public const int WebAuthnKeyUnreadable = 8800;
    public const int WebAuthnCounterRegression = 8801;

    // Delivery of codes and notifications.
    public const int EmailNotSent = 8900;
    public const int NotificationNotSent = 8901;
    public const int NotificationGivenUp = 8902;
    public const int NotificationNotQueued = 8903;
    public const int AuditObserverFailed = 8904;
    public const int NotificationDispatchFailed = 8905;

    // 9000-9019: text messages (SMS providers, pumping caps).
    public const int SmsNotSent = 9000;
    public const int SmsCapReached = 9001;

    // 9200-9219: enrolment invitations.
    public const int InvitationCreated = 9200;
    public const int InvitationNotQueued = 9201;
    public const int InvitationNotUsed = 9202;
}
