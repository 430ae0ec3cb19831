using IntegrationHub.Hub.Audit;

namespace IntegrationHub.Tests.Audit;

/// <summary>The chain links from the genesis hash and every change, removal or fork is found at its place.</summary>
public class HashChainTests : IAsyncLifetime
{
    ScratchLog _log = null!;

    public async Task InitializeAsync() => _log = await ScratchLog.CreateAsync();

    public async Task DisposeAsync() => await _log.DisposeAsync();

    [Fact]
    public async Task An_empty_log_is_intact()
    {
        var result = await _log.VerifyAsync();
        result.Intact.Should().BeTrue();
        result.Count.Should().Be(0);
        result.LastHash.Should().Be(new string('0', 64));
    }

    [Fact]
    public async Task Entries_link_from_64_zeros_and_hash_their_stored_fields()
    {
        await _log.AppendAsync(5);
        var rows = await new DeliveryLogReader(_log.Database).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1)));

        rows.Select(r => r.Seq).Should().Equal(1, 2, 3, 4, 5);
        rows[0].PrevHash.Should().Be(new string('0', 64));
        for (var i = 1; i < rows.Count; i++)
            rows[i].PrevHash.Should().Be(rows[i - 1].EntryHash);
        rows.Should().OnlyContain(r => r.EntryHash == ChainHash.Of(r) && r.EntryHash.Length == 64);
        (await _log.VerifyAsync()).Should().Be(new ChainVerification(5, rows[4].EntryHash, null));
    }

    [Fact]
    public void The_canonical_form_is_the_documented_netstring_sequence()
    {
        var row = new DeliveryLogRow
        {
            Seq = 1, AtMs = 1795424400000, MessageId = "6f1c2a4e-0000-4000-8000-000000000001", HandoverId = null, Sender = "school-de-regenboog",
            Receiver = "bjz-noord-brabant", Kind = "handover", Purpose = "care", LegalBasis = "consent", SubjectKey = "",
            PayloadSha256 = "ab", Outcome = "accepted", Channel = "api:handovers", PrevHash = new string('0', 64), EntryHash = "",
        };
        ChainHash.Canonical(row).Should().Be(
            "15:delivery-log/v1,1:1,13:1795424400000,36:6f1c2a4e-0000-4000-8000-000000000001,-,19:school-de-regenboog,17:bjz-noord-brabant," +
            "8:handover,4:care,7:consent,0:,2:ab,8:accepted,13:api:handovers,64:" + new string('0', 64) + ",");
        ChainHash.Of(row).Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ChainHash.Canonical(row)))));
    }

    [Theory]
    [InlineData("sender", "'cjg-tilburg'")]
    [InlineData("outcome", "'rejected'")]
    [InlineData("at_ms", "at_ms + 1")]
    [InlineData("subject_key", "NULL")]
    [InlineData("message_id", "upper(message_id)")]
    [InlineData("prev_hash", "entry_hash")]
    public async Task Changing_one_field_of_entry_7_is_found_at_exactly_7(string column, string value)
    {
        await _log.AppendAsync(12);
        (await _log.ExecuteAsync($"UPDATE delivery_log SET {column} = {value} WHERE seq = 7")).Should().Be(1);

        var result = await _log.VerifyAsync();

        result.Intact.Should().BeFalse();
        result.FirstBreak!.Sequence.Should().Be(7);
        result.FirstBreak.Kind.Should().Be(column == "prev_hash" ? ChainBreakKind.PrevHashDoesNotLink : ChainBreakKind.HashMismatch);
        result.Count.Should().Be(6);
    }

    [Fact]
    public async Task A_changed_row_with_a_recomputed_hash_breaks_the_next_link()
    {
        await _log.AppendAsync(12);
        var rows = await new DeliveryLogReader(_log.Database).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100)));
        var forged = rows[6] with { Receiver = "cjg-tilburg" };
        await _log.ExecuteAsync("UPDATE delivery_log SET receiver = @Receiver, entry_hash = @Hash WHERE seq = 7", new { forged.Receiver, Hash = ChainHash.Of(forged) });

        var result = await _log.VerifyAsync();

        result.FirstBreak.Should().NotBeNull();
        result.FirstBreak!.Sequence.Should().Be(8);
        result.FirstBreak.Kind.Should().Be(ChainBreakKind.PrevHashDoesNotLink);
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(1, 2)]
    public async Task Deleting_a_row_is_found_at_the_entry_after_it(int deleted, int reported)
    {
        await _log.AppendAsync(10);
        (await _log.ExecuteAsync("DELETE FROM delivery_log WHERE seq = @Seq", new { Seq = deleted })).Should().Be(1);

        var result = await _log.VerifyAsync();

        result.FirstBreak.Should().NotBeNull();
        result.FirstBreak!.Sequence.Should().Be(reported);
        result.FirstBreak.Kind.Should().Be(ChainBreakKind.SequenceGap);
        result.FirstBreak.Detail.Should().Contain($"{deleted}..{deleted}");
    }

    [Fact]
    public async Task Two_hundred_parallel_appends_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => _log.Log.AppendAsync(ScratchLog.Entry(i)))));

        var result = await _log.VerifyAsync();

        result.FirstBreak.Should().BeNull();
        result.Count.Should().Be(200);
    }

    [Fact]
    public async Task An_append_in_a_rolled_back_transaction_leaves_no_gap()
    {
        await using (var connection = await _log.Database.OpenAsync())
        await using (var tx = await _log.Database.BeginWriteAsync(connection))
        {
            await _log.Log.AppendAsync(ScratchLog.Entry(1), connection, tx);
            await tx.RollbackAsync();
        }
        await _log.Log.AppendAsync(ScratchLog.Entry(2));

        (await _log.VerifyAsync()).Should().Match<ChainVerification>(r => r.Intact && r.Count == 1);
    }
}
