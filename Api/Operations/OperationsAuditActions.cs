namespace DigitalDelivery.Api.Operations;

public static class OperationsAuditActions
{
    public const string DeadLetterReplayed = "dead_letter.replayed";
    public const string DeadLettersReplayed = "dead_letters.replayed";
    public const string DeadLetterPurged = "dead_letter.purged";
    public const string DeadLettersPurged = "dead_letters.purged";
}
