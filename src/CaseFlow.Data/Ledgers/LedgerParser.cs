using System.Globalization;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Data.Ledgers;

/// <summary>A worker's row of a ledger case.</summary>
public sealed record LedgerWorker(int Row, CaseWorker Worker);

/// <summary>
/// One dispute a ledger records: the rows that share a 登记日期 and a 统一社会信用代码, one per worker.
/// </summary>
/// <param name="ImportKey">Stable for the same ledger case whatever file it comes from: 'ledger:20261015:91330523…'.</param>
/// <param name="DeclaredWorkers">涉及人数: may exceed the workers listed.</param>
public sealed record LedgerCase(
    string ImportKey,
    DateOnly RegisteredOn,
    string EnterpriseName,
    string CreditCode,
    string TownName,
    IReadOnlyList<ClaimType> ClaimTypes,
    int DeclaredWorkers,
    string Handling,
    IReadOnlyList<LedgerWorker> Workers)
{
    public int FirstRow => Workers[0].Row;

    public string Description => Handling.Length == 0 ? "台账导入" : $"台账导入。处理情况：{Handling}";

    /// <summary>追回金额 summed over the case's rows; null when the ledger gives none.</summary>
    public decimal? AmountRecovered { get; init; }

    /// <summary>
    /// The closed history 处理情况 describes (调解成功, 已结案, 已移送…), or null for a dispute still open. Without an
    /// amount recovered, a case the ledger says was paid counts its amount owed as recovered.
    /// </summary>
    public CaseHistory? History(DateTimeOffset closedAt)
    {
        if (LedgerWords.Finished(Handling) is not { } finished)
        {
            return null;
        }

        var recovered = AmountRecovered ?? (finished.Paid ? Workers.Sum(w => w.Worker.AmountOwed) : 0m);
        return new CaseHistory(finished.State, closedAt, Handling, recovered);
    }
}

/// <summary>The cases a ledger describes, and every problem found in it (empty when all rows are good).</summary>
public sealed record LedgerParseResult(IReadOnlyList<LedgerCase> Cases, IReadOnlyList<LedgerProblem> Problems, int Rows);

/// <summary>
/// Reads a ledger's rows as registration would: every row is checked (dates, identifiers with their check characters,
/// amounts, months, worker counts, dispute types), rows of one case must agree on the case's own columns, and every
/// problem is reported with its row. Needs no database; <see cref="LedgerImporter"/> adds the checks that do.
/// </summary>
public static class LedgerParser
{
    /// <summary>As many workers as the API accepts in one registration.</summary>
    public const int MaxWorkersPerCase = 500;

    public const int MaxMonths = 240;
    public const int MaxWorkersInvolved = 100_000;
    public const int MaxHandling = 200;

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd",
    ];

    /// <summary>Parses and checks the sheet; <paramref name="today"/> is the China date registration measures from.</summary>
    public static LedgerParseResult Parse(LedgerSheet sheet, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var problems = new List<LedgerProblem>();
        var columns = Columns(sheet.Headers, problems);
        if (problems.Count > 0)
        {
            return new LedgerParseResult([], problems, 0);
        }

        var rows = sheet.Rows.Where(r => !r.IsBlank).ToList();
        if (rows.Count == 0)
        {
            return new LedgerParseResult([], [new LedgerProblem(1, null, "the ledger has no rows below its header")], 0);
        }

        var groups = new Dictionary<string, List<ParsedRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (ParseRow(row, columns, today, problems) is { } parsed)
            {
                if (!groups.TryGetValue(parsed.Key, out var group))
                {
                    groups[parsed.Key] = group = [];
                }

                group.Add(parsed);
            }
        }

        var cases = new List<LedgerCase>(groups.Count);
        foreach (var (key, group) in groups)
        {
            if (ToCase(key, group, problems) is { } c)
            {
                cases.Add(c);
            }
        }

        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new LedgerParseResult(cases, problems, rows.Count);
    }

    /// <summary>The import key of the ledger case registered on <paramref name="date"/> against the employer with <paramref name="creditCode"/>.</summary>
    public static string ImportKey(DateOnly date, string creditCode) =>
        string.Create(CultureInfo.InvariantCulture, $"ledger:{date:yyyyMMdd}:{creditCode}");

    /// <summary>
    /// A date as ledgers write it (2026-10-15, 2026/10/15, 2026.10.15, 2026年10月15日, 20261015, optionally with a time
    /// after a space), or a spreadsheet date serial number.
    /// </summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            value = value[..space];
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        // Spreadsheets store dates as days since 1899-12-30; 1 to 2958465 covers 1900 to 9999.
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            return true;
        }

        return false;
    }

    private static Dictionary<string, int> Columns(IReadOnlyList<string> headers, List<LedgerProblem> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = Header(headers[i]);
            if (name.Length == 0)
            {
                continue;
            }

            if (!columns.TryAdd(name, i) && (LedgerColumns.Ledger.Contains(name) || LedgerColumns.Additional.Contains(name)))
            {
                problems.Add(new LedgerProblem(1, name, "the column appears twice in the header"));
            }
        }

        var missing = LedgerColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new LedgerProblem(1, null, $"the header lacks {string.Join(", ", missing)} (expected: {string.Join(", ", LedgerColumns.Ledger)})"));
        }

        return columns;
    }

    // Spreadsheet headers pick up stray spaces (also full-width ones) and a byte-order mark.
    private static string Header(string text) => text.Replace("\uFEFF", "", StringComparison.Ordinal).Replace('\u3000', ' ').Trim();

    private static ParsedRow? ParseRow(LedgerRow row, Dictionary<string, int> columns, DateOnly today, List<LedgerProblem> problems)
    {
        var before = problems.Count;
        string Cell(string column) =>
            columns.TryGetValue(column, out var i) && i < row.Cells.Count ? row.Cells[i].Replace('\u3000', ' ').Trim() : "";
        void Problem(string column, string message) => problems.Add(new LedgerProblem(row.Number, column, message));
        bool Present(string column, string value)
        {
            if (value.Length == 0)
            {
                Problem(column, "is empty");
                return false;
            }

            return true;
        }

        var dateText = Cell(LedgerColumns.RegisteredOn);
        var date = default(DateOnly);
        if (Present(LedgerColumns.RegisteredOn, dateText))
        {
            if (!TryParseDate(dateText, out date))
            {
                Problem(LedgerColumns.RegisteredOn, $"'{dateText}' is not a date (write it as yyyy-MM-dd)");
            }
            else if (date > today)
            {
                Problem(LedgerColumns.RegisteredOn, $"{Iso(date)} is in the future");
            }
            else if (date < today.AddYears(-1))
            {
                Problem(LedgerColumns.RegisteredOn, $"{Iso(date)} is more than a year ago: registration takes nothing received before {Iso(today.AddYears(-1))}");
            }
        }

        var enterprise = Cell(LedgerColumns.EnterpriseName);
        if (Present(LedgerColumns.EnterpriseName, enterprise) && enterprise.Length > TextLimits.EnterpriseName)
        {
            Problem(LedgerColumns.EnterpriseName, $"is longer than {TextLimits.EnterpriseName} characters");
        }

        var creditCode = Cell(LedgerColumns.CreditCode);
        if (Present(LedgerColumns.CreditCode, creditCode))
        {
            creditCode = CreditCode.Normalize(creditCode);
            if (CreditCode.Check(creditCode) is { } problem)
            {
                Problem(LedgerColumns.CreditCode, CreditCodeProblem(creditCode, problem));
            }
        }

        var name = Cell(LedgerColumns.WorkerName);
        if (Present(LedgerColumns.WorkerName, name) && name.Length > TextLimits.PartyName)
        {
            Problem(LedgerColumns.WorkerName, $"is longer than {TextLimits.PartyName} characters");
        }

        var idTypeText = Cell(LedgerColumns.IdType);
        if (!LedgerWords.TryParseIdType(idTypeText, out var idType))
        {
            Problem(LedgerColumns.IdType, $"'{idTypeText}' is not a known document type (known: {string.Join("、", LedgerWords.KnownIdTypeWords)})");
        }

        var idNumber = IdentityDocument.Normalize(Cell(LedgerColumns.IdNumber));
        var idCountry = IdentityDocument.Normalize(Cell(LedgerColumns.IdCountry));
        if (idType == IdDocumentType.None || Present(LedgerColumns.IdNumber, idNumber))
        {
            if (IdentityDocument.Check(idType, idNumber, idCountry, today) is { } problem)
            {
                Problem(problem is IdentifierProblem.CountryMissing or IdentifierProblem.BadCountry ? LedgerColumns.IdCountry : LedgerColumns.IdNumber,
                    DocumentProblem(idType, idNumber, idCountry, problem));
            }
        }

        if (idType != IdDocumentType.Passport && idCountry.Length > 0)
        {
            Problem(LedgerColumns.IdCountry, $"is only for passports, not a {LedgerWords.IdTypeWord(idType)}");
        }

        var phone = Cell(LedgerColumns.Phone);
        if (Present(LedgerColumns.Phone, phone))
        {
            phone = MobileNumber.Normalize(phone);
            if (MobileNumber.Check(phone) is not null)
            {
                Problem(LedgerColumns.Phone, $"{Masking.Phone(phone)} is not a mainland mobile number (11 digits starting 13 to 19)");
            }
        }

        var amount = Number(Cell(LedgerColumns.AmountOwed), LedgerColumns.AmountOwed, "an amount in yuan", ["元", "¥", "￥"], Problem);
        if (amount > MoneyLimits.PerWorker)
        {
            Problem(LedgerColumns.AmountOwed, string.Create(CultureInfo.InvariantCulture, $"{amount} is more than {MoneyLimits.PerWorker:#,0} yuan for one worker"));
        }

        var months = Number(Cell(LedgerColumns.MonthsOwed), LedgerColumns.MonthsOwed, "a number of months", ["个月", "月"], Problem);
        if (months > MaxMonths)
        {
            Problem(LedgerColumns.MonthsOwed, $"{months} is more than {MaxMonths} months");
        }

        var workersText = Cell(LedgerColumns.WorkersInvolved);
        var workersInvolved = 0;
        if (Present(LedgerColumns.WorkersInvolved, workersText))
        {
            var digits = workersText.EndsWith('人') ? workersText[..^1].Trim() : workersText;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out workersInvolved) || workersInvolved is < 1 or > MaxWorkersInvolved)
            {
                Problem(LedgerColumns.WorkersInvolved, $"'{workersText}' is not a whole number of workers from 1 to {MaxWorkersInvolved}");
            }
        }

        var claimText = Cell(LedgerColumns.DisputeType);
        IReadOnlyList<ClaimType> claims = [];
        if (Present(LedgerColumns.DisputeType, claimText))
        {
            claims = LedgerWords.ParseClaims(claimText, out var unknown);
            if (unknown is not null)
            {
                Problem(LedgerColumns.DisputeType, $"'{unknown}' is not a known dispute type (known: {string.Join("、", LedgerWords.KnownClaimWords)})");
            }
            else if (claims.Count == 0)
            {
                Problem(LedgerColumns.DisputeType, "is empty");
            }
        }

        var town = Cell(LedgerColumns.Town);
        Present(LedgerColumns.Town, town);

        decimal? recovered = null;
        if (Cell(LedgerColumns.AmountRecovered).Length > 0)
        {
            recovered = Number(Cell(LedgerColumns.AmountRecovered), LedgerColumns.AmountRecovered, "an amount in yuan", ["元", "¥", "￥"], Problem);
        }

        var handling = Cell(LedgerColumns.Handling);
        if (handling.Length > MaxHandling)
        {
            Problem(LedgerColumns.Handling, $"is longer than {MaxHandling} characters");
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new ParsedRow(
            row.Number,
            ImportKey(date, creditCode),
            date,
            enterprise,
            creditCode,
            new CaseWorker(name, idNumber, phone, amount!.Value, months!.Value, idType, idType == IdDocumentType.Passport ? idCountry : null),
            workersInvolved,
            claims,
            town,
            handling,
            recovered);
    }

    private static decimal? Number(string text, string column, string what, string[] units, Action<string, string> problem)
    {
        if (text.Length == 0)
        {
            problem(column, "is empty");
            return null;
        }

        var value = text.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
        foreach (var unit in units)
        {
            value = value.Replace(unit, "", StringComparison.Ordinal);
        }

        if (!decimal.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            problem(column, $"'{text}' is not {what}");
            return null;
        }

        if (number < 0)
        {
            problem(column, $"{text} is negative");
            return null;
        }

        if (decimal.Round(number, 2) != number)
        {
            problem(column, $"{text} has more than two decimal places");
            return null;
        }

        return number;
    }

    private static LedgerCase? ToCase(string key, List<ParsedRow> rows, List<LedgerProblem> problems)
    {
        var first = rows[0];
        var before = problems.Count;
        var sameCase = $"differs from row {first.Row} of the same case (same {LedgerColumns.RegisteredOn} and {LedgerColumns.CreditCode}), which has";
        var workers = new List<LedgerWorker>(rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            void Differs(string column, string mine, string theirs) =>
                problems.Add(new LedgerProblem(row.Row, column, $"'{mine}' {sameCase} '{theirs}'"));

            if (row.EnterpriseName != first.EnterpriseName)
            {
                Differs(LedgerColumns.EnterpriseName, row.EnterpriseName, first.EnterpriseName);
            }

            if (row.WorkersInvolved != first.WorkersInvolved)
            {
                Differs(
                    LedgerColumns.WorkersInvolved,
                    row.WorkersInvolved.ToString(CultureInfo.InvariantCulture),
                    first.WorkersInvolved.ToString(CultureInfo.InvariantCulture));
            }

            if (!row.Claims.OrderBy(c => c).SequenceEqual(first.Claims.OrderBy(c => c)))
            {
                Differs(LedgerColumns.DisputeType, LedgerWords.Claims(row.Claims), LedgerWords.Claims(first.Claims));
            }

            if (row.Town != first.Town)
            {
                Differs(LedgerColumns.Town, row.Town, first.Town);
            }

            var identity = $"{row.Worker.IdType}:{row.Worker.IdCountry}:{row.Worker.IdNumber}";
            if (row.Worker.DocumentPending)
            {
                // Workers without a document yet cannot be told apart by number.
            }
            else if (seen.TryGetValue(identity, out var earlier))
            {
                problems.Add(new LedgerProblem(row.Row, LedgerColumns.IdNumber, $"the same worker is already listed for this case in row {earlier}"));
            }
            else
            {
                seen[identity] = row.Row;
            }

            if (workers.Count == MaxWorkersPerCase)
            {
                problems.Add(new LedgerProblem(row.Row, null, $"a case lists at most {MaxWorkersPerCase} workers"));
            }

            workers.Add(new LedgerWorker(row.Row, row.Worker));
        }

        if (problems.Count > before)
        {
            return null;
        }

        var handling = rows.Select(r => r.Handling).FirstOrDefault(h => h.Length > 0) ?? "";
        decimal? recovered = rows.Any(r => r.AmountRecovered is not null) ? rows.Sum(r => r.AmountRecovered ?? 0m) : null;
        return new LedgerCase(key, first.Date, first.EnterpriseName, first.CreditCode, first.Town, first.Claims, first.WorkersInvolved, handling, workers)
        {
            AmountRecovered = recovered,
        };
    }

    private static string CreditCodeProblem(string code, IdentifierProblem problem) => problem switch
    {
        IdentifierProblem.WrongLength => $"'{code}' has {code.Length} characters, not 18",
        IdentifierProblem.BadCharacters => $"'{code}' has characters a credit code never uses (I, O, S, V, Z or others)",
        IdentifierProblem.BadCheckCharacter => $"'{code}' has a wrong check character (the first 17 call for {CreditCode.CheckCharacterFor(code.AsSpan(0, 17))})",
        _ => $"'{code}' is not a unified social credit code",
    };

    // Personal numbers stay masked even in error messages (DESIGN §8): the row number finds the cell.
    private static string DocumentProblem(IdDocumentType type, string id, string country, IdentifierProblem problem) => type switch
    {
        IdDocumentType.ResidentId => IdNumberProblem(id, problem),
        _ => problem switch
        {
            IdentifierProblem.NotExpected => $"{Masking.Document(id)} is given for a worker whose document type is {LedgerWords.IdTypeWord(type)}: leave it empty or give the type",
            IdentifierProblem.CountryMissing => "a passport needs its issuing country (three letters, e.g. VNM)",
            IdentifierProblem.BadCountry => $"'{country}' is not a three-letter country code (ISO 3166-1, e.g. VNM)",
            IdentifierProblem.BadRegion => $"{Masking.Document(id)} does not start as a {LedgerWords.IdTypeWord(type)} number does",
            IdentifierProblem.BadBirthDate => $"{Masking.Document(id)} has an impossible birth date",
            IdentifierProblem.BadCheckCharacter => $"{Masking.Document(id)} has a wrong check character",
            _ => $"{Masking.Document(id)} is not a {LedgerWords.IdTypeWord(type)} number ({DocumentFormat(type)})",
        },
    };

    private static string DocumentFormat(IdDocumentType type) => type switch
    {
        IdDocumentType.ForeignPermanentResident => "18 digits starting with 9, or the older 15 characters: 3 letters and 12 digits",
        IdDocumentType.HkMacauResidencePermit => "18 digits starting 810000 or 820000",
        IdDocumentType.TaiwanResidencePermit => "18 digits starting 830000",
        IdDocumentType.HkMacauTravelPermit => "H or M and 8 or 10 digits",
        IdDocumentType.TaiwanTravelPermit => "8 or 10 digits",
        IdDocumentType.Passport => $"{IdentityDocument.MinPassportLength} to {IdentityDocument.MaxPassportLength} letters and digits",
        _ => "18 characters",
    };

    private static string IdNumberProblem(string id, IdentifierProblem problem) => problem switch
    {
        IdentifierProblem.WrongLength => $"{Masking.IdNumber(id)} has {id.Length} characters, not 18",
        IdentifierProblem.BadCharacters => $"{Masking.IdNumber(id)} has characters other than digits and a final X",
        IdentifierProblem.BadRegion => $"{Masking.IdNumber(id)} does not start with a province code (11–65; 81–83 are residence permits, 9 a foreign permanent residence card)",
        IdentifierProblem.BadBirthDate => $"{Masking.IdNumber(id)} has an impossible birth date",
        IdentifierProblem.BadCheckCharacter => $"{Masking.IdNumber(id)} has a wrong check digit",
        _ => $"{Masking.IdNumber(id)} is not a resident ID number",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record ParsedRow(
        int Row,
        string Key,
        DateOnly Date,
        string EnterpriseName,
        string CreditCode,
        CaseWorker Worker,
        int WorkersInvolved,
        IReadOnlyList<ClaimType> Claims,
        string Town,
        string Handling,
        decimal? AmountRecovered);
}
