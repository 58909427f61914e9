using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// Accepts a producer's delivery request: one delivery per destination and its first attempt's message commit in
/// one transaction, so an accepted request is never lost and never half-accepted. An idempotency key makes a
/// resubmission (or a concurrent duplicate, through the derived request id) return the first request's deliveries.
/// </summary>
internal sealed partial class DeliverySubmission(DeliveryDbContext db, ITenantContext tenant, IMessageOutbox outbox, TimeProvider time)
{
    public const int MaxPayloadBytes = 256 * 1024;
    private const int MaxDestinations = 50;
    private const string DefaultDestinations = "default";

    public async Task<Results<Accepted<SubmittedDeliveriesResponse>, Ok<SubmittedDeliveriesResponse>, ValidationProblem>> SubmitAsync(
        SubmitDeliveryRequest request, CancellationToken cancellationToken)
    {
        var organizationId = tenant.OrganizationId!.Value;
        var options = request.Options ?? new DeliveryOptionsRequest();
        var errors = Validate(request, options, out var destinationIds);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var requestId = DeliveryRequestIds.For(organizationId, options.IdempotencyKey, now);
        if (options.IdempotencyKey is not null && await ExistingAsync(requestId, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(existing);
        }

        var enabled = db.Set<Destination>().AsNoTracking().Where(d => d.Enabled);
        var candidates = await (destinationIds is null ? enabled : enabled.Where(d => destinationIds.Contains(d.Id))).ToListAsync(cancellationToken);
        var destinations = destinationIds is null
            ? candidates.Where(d => EventPatterns.MatchesAny(d.Events, request.Payload.Type)).ToList()
            : candidates;
        if (destinationIds is not null && destinationIds.Except(destinations.Select(d => d.Id)).ToList() is { Count: > 0 } missing)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["destinations"] = [$"No enabled destination of this organization has the id {string.Join(", ", missing)}."],
            });
        }

        if (destinations.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["destinations"] = [$"No enabled destination subscribes to {request.Payload.Type}; name destinations by id, or subscribe one."],
            });
        }

        var fileIds = (request.Payload.Files ?? []).Distinct().ToArray();
        var files = await DeliveryFiles.LoadAsync(db, fileIds, cancellationToken);
        if (fileIds.Except(files.Select(f => f.Id)).ToList() is { Count: > 0 } unavailable)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["payload.files"] = [$"This organization has no clean file with the id {string.Join(", ", unavailable)} (a file can be sent once its scan found it clean)."],
            });
        }

        var payload = Envelope(requestId, request.Payload, files, now);
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["payload"] = [$"The payload must be at most {MaxPayloadBytes / 1024} KiB as JSON."] });
        }

        // In destination order, so concurrent duplicates wait on the same first row instead of deadlocking.
        var deliveries = destinations.OrderBy(d => d.Id).Select(d => new Delivery
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            DestinationId = d.Id,
            EventId = requestId,
            EventType = request.Payload.Type,
            Payload = payload,
            CorrelationId = options.CorrelationId ?? requestId,
            Priority = options.Priority ?? 0,
            IdempotencyKey = options.IdempotencyKey,
            Tags = [.. (options.Tags ?? []).Distinct(StringComparer.Ordinal)],
            FileIds = fileIds,
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToList();

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (options.IdempotencyKey is not null)
            {
                // Duplicates of one key queue up here; the second finds the first's committed deliveries. Without
                // it, concurrent multi-row inserts can deadlock on the unique index instead of colliding cleanly.
                var lockKey = BitConverter.ToInt64(requestId.ToByteArray(), 0);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
                if (await ExistingAsync(requestId, cancellationToken) is { } committed)
                {
                    return TypedResults.Ok(committed);
                }
            }

            db.AddRange(deliveries);
            await db.SaveChangesAsync(cancellationToken);
            await outbox.EnqueueFirstAttemptsAsync(deliveries, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (options.IdempotencyKey is not null
            && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent submission of the same key committed first: answer with its deliveries.
            db.ChangeTracker.Clear();
            return TypedResults.Ok(await ExistingAsync(requestId, cancellationToken)
                ?? throw new InvalidOperationException("A duplicate delivery request left no deliveries behind.", ex));
        }

        return TypedResults.Accepted($"/api/v1/deliveries?correlation_id={deliveries[0].CorrelationId}",
            new SubmittedDeliveriesResponse(requestId, Replayed: false, [.. deliveries.Select(d => DeliveryResponse.From(d))]));
    }

    private async Task<SubmittedDeliveriesResponse?> ExistingAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Delivery>().AsNoTracking().Where(d => d.EventId == requestId).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        return existing.Count == 0 ? null : new SubmittedDeliveriesResponse(requestId, Replayed: true, [.. existing.Select(d => DeliveryResponse.From(d))]);
    }

    private static Dictionary<string, string[]> Validate(SubmitDeliveryRequest request, DeliveryOptionsRequest options, out List<Guid>? destinationIds)
    {
        var errors = new Dictionary<string, string[]>();
        destinationIds = null;
        switch (request.Destinations.ValueKind)
        {
            case JsonValueKind.String when request.Destinations.GetString() == DefaultDestinations:
                break;
            case JsonValueKind.Array when request.Destinations.GetArrayLength() is > 0 and <= MaxDestinations
                && request.Destinations.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && e.TryGetGuid(out _)):
                destinationIds = [.. request.Destinations.EnumerateArray().Select(e => e.GetGuid()).Distinct()];
                break;
            default:
                errors["destinations"] = [$"destinations must be \"default\" or a list of 1 to {MaxDestinations} destination ids."];
                break;
        }

        if (!EventType().IsMatch(request.Payload.Type) || request.Payload.Type == OutgoingDelivery.TestEventType)
        {
            errors["payload.type"] = ["payload.type must be lower-case words joined by dots, such as invoice.created."];
        }

        if (request.Payload.Data.ValueKind != JsonValueKind.Object)
        {
            errors["payload.data"] = ["payload.data must be a JSON object."];
        }

        if (request.Payload.Metadata is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            errors["payload.metadata"] = ["payload.metadata must be a JSON object."];
        }

        if (request.Payload.Files is { Length: > DeliveryFiles.MaxPerDelivery })
        {
            errors["payload.files"] = [$"payload.files may name at most {DeliveryFiles.MaxPerDelivery} files."];
        }

        if (options.Tags?.Any(t => !Tag().IsMatch(t)) == true)
        {
            errors["options.tags"] = ["Each tag has 1 to 64 letters, digits, '-', '_', '.', ':' or '/'."];
        }

        return errors;
    }

    private static string Envelope(Guid requestId, DeliveryPayloadRequest payload, List<DeliveryFile> files, DateTimeOffset now)
    {
        var envelope = new JsonObject
        {
            ["id"] = requestId,
            ["type"] = payload.Type,
            ["timestamp"] = now,
            ["data"] = JsonNode.Parse(payload.Data.GetRawText()),
        };
        if (payload.Metadata is { ValueKind: JsonValueKind.Object } metadata)
        {
            envelope["metadata"] = JsonNode.Parse(metadata.GetRawText());
        }

        if (files.Count > 0)
        {
            // What the receiver checks the bytes against; where they land is the destination type's (docs/deliveries.md).
            envelope["files"] = new JsonArray([.. files.Select(f => new JsonObject
            {
                ["id"] = f.Id,
                ["name"] = f.Name,
                ["content_type"] = f.ContentType,
                ["size_bytes"] = f.SizeBytes,
                ["sha256"] = f.Sha256,
            })]);
        }

        return envelope.ToJsonString();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$")]
    private static partial Regex EventType();

    [GeneratedRegex("^[A-Za-z0-9._:/-]{1,64}$")]
    private static partial Regex Tag();
}
