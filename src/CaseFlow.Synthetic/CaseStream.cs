using System.Collections.ObjectModel;
using System.Globalization;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Synthetic;

/// <summary>Streams one county's cases in order of receipt, numbered per year.</summary>
internal sealed class CaseStream
{
    private const int SecondsPerDay = 86_400;
    private const int OfficeOpens = (8 * 3600) + (30 * 60);
    private const int OfficeCloses = (17 * 3600) + (30 * 60);

    private readonly SyntheticCounty _county;
    private readonly RiskGrader _grader;
    private readonly Random _random;
    private readonly SyntheticPeople _people;
    private readonly DateTimeOffset _rangeEnd;
    private readonly string _referencePrefix;
    private readonly string _courtCode;

    public CaseStream(SyntheticCounty county, RiskGrader grader, Random random, DateOnly to)
    {
        _county = county;
        _grader = grader;
        _random = random;
        _people = new SyntheticPeople(county.Model, random);
        _rangeEnd = ChinaTime.EndOf(to);
        _referencePrefix = county.Name[..1];
        _courtCode = (county.Model == CountyModel.Anji ? "浙" : "鲁") + county.RegionCode[2..];
    }

    public IEnumerable<SyntheticCase> Generate(int count, DateOnly from, DateOnly to)
    {
        var perDay = CasesPerDay(count, from, to);
        var times = new int[perDay.Length == 0 ? 0 : perDay.Max()];
        var year = 0;
        var sequence = 0;
        for (var d = 0; d < perDay.Length; d++)
        {
            var k = perDay[d];
            if (k == 0)
            {
                continue;
            }

            for (var i = 0; i < k; i++)
            {
                times[i] = SecondOfDay();
            }

            Array.Sort(times, 0, k);
            var date = from.AddDays(d);
            if (date.Year != year)
            {
                year = date.Year;
                sequence = 0;
            }

            for (var i = 0; i < k; i++)
            {
                var receivedAt = ChinaTime.At(date, TimeOnly.MinValue).AddSeconds(times[i]);
                yield return Next(receivedAt, times[i], ++sequence);
            }
        }
    }

    /// <summary>
    /// Splits the count over the days by weight (January and February highest, before Spring Festival; weekends low),
    /// so cases come out in date order and the total is exact.
    /// </summary>
    private int[] CasesPerDay(int count, DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var cumulative = new double[days];
        var total = 0d;
        for (var d = 0; d < days; d++)
        {
            var date = from.AddDays(d);
            var month = date.Month switch
            {
                1 => 2.0,
                2 => 1.7,
                12 => 1.5,
                11 => 1.1,
                _ => 1.0,
            };
            var weekday = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.45 : 1.0;
            total += month * weekday * (0.75 + (0.5 * _random.NextDouble()));
            cumulative[d] = total;
        }

        var perDay = new int[days];
        var assigned = 0;
        for (var d = 0; d < days; d++)
        {
            var upTo = d == days - 1 ? count : (int)Math.Round(count * (cumulative[d] / total), MidpointRounding.AwayFromZero);
            perDay[d] = upTo - assigned;
            assigned = upTo;
        }

        return perDay;
    }

    private int SecondOfDay() =>
        _random.NextDouble() < 0.88
            ? OfficeOpens + _random.Next(OfficeCloses - OfficeOpens)
            : _random.Next(SecondsPerDay);

    private SyntheticCase Next(DateTimeOffset receivedAt, int secondOfDay, int sequence)
    {
        var channel = secondOfDay is >= OfficeOpens and < OfficeCloses
            ? CaseTables.OfficeHoursChannels.Pick(_random)
            : CaseTables.OffHoursChannels.Pick(_random);

        // Some employers see many disputes: weight the pick towards the front of the list.
        var enterprises = _county.Enterprises;
        var enterprise = enterprises[(int)(enterprises.Count * Math.Pow(_random.NextDouble(), 1.5))];

        var wages = _random.NextDouble() < CaseTables.WageArrearsShare;
        var claims = wages ? WageClaims() : CaseTables.Only(CaseTables.OtherClaims.Pick(_random));
        var primary = claims[0];

        var workerCount = primary switch
        {
            ClaimType.WorkInjury => _random.NextDouble() < 0.9 ? 1 : 2,
            ClaimType.ContractTermination => _random.Next(1, 4),
            _ => WorkerCount(),
        };

        var signals = Signals(workerCount);
        var asOf = ChinaTime.DateOf(receivedAt);
        var longest = wages ? CaseTables.MonthsOwed.Pick(_random) : 0m;
        var baseWage = 3000d + (6000d * Math.Pow((_random.NextDouble() + _random.NextDouble()) / 2, 1.3));

        var workers = new CaseWorker[workerCount];
        var arrears = new WorkerArrears[workerCount];
        var total = 0m;
        var allSame = true;
        for (var i = 0; i < workerCount; i++)
        {
            var wage = Math.Clamp(baseWage * (0.9 + (0.2 * _random.NextDouble())), 3000d, 9000d);
            var months = i == 0 || _random.NextDouble() < 0.7 ? longest : HalfMonthsUpTo(longest);
            allSame &= months == longest;
            var amount = wages ? Hundreds(wage * (double)months) : OtherClaimAmount(primary, wage);
            var person = _people.Next(asOf);
            workers[i] = new CaseWorker(person.Name, person.IdNumber, person.Phone, amount, months);
            arrears[i] = new WorkerArrears(amount, months);
            total += amount;
        }

        var color = _grader.Grade(new DisputeFacts(arrears, workerCount, signals)).Color;
        var intake = new NewCase
        {
            Number = string.Create(
                CultureInfo.InvariantCulture, $"{_county.CasePrefix}-{receivedAt.Year:D4}-{sequence:D6}"),
            Channel = channel,
            ClaimTypes = claims,
            Description = Description(enterprise.Industry, claims, workerCount, longest, allSame, total, signals),
            ReceivedAt = receivedAt,
            EnterpriseId = enterprise.Id,
            LocationUnitId = enterprise.LocationUnitId,
            Workers = workers,
            DeclaredWorkers = workerCount,
            Signals = signals,
        };

        return WithOutcome(intake, color, total);
    }

    private ReadOnlyCollection<ClaimType> WageClaims()
    {
        var overtime = _random.NextDouble() < 0.10;
        var insurance = _random.NextDouble() < 0.07;
        var termination = _random.NextDouble() < 0.03;
        if (!overtime && !insurance && !termination)
        {
            return CaseTables.Only(ClaimType.WageArrears);
        }

        var claims = new List<ClaimType>(4) { ClaimType.WageArrears };
        if (overtime)
        {
            claims.Add(ClaimType.Overtime);
        }

        if (insurance)
        {
            claims.Add(ClaimType.SocialInsurance);
        }

        if (termination)
        {
            claims.Add(ClaimType.ContractTermination);
        }

        return claims.AsReadOnly();
    }

    private int WorkerCount()
    {
        var (from, to) = CaseTables.WorkerCounts.Pick(_random);
        return from == to ? from : _random.Next(from, to + 1);
    }

    private RiskSignals Signals(int workers)
    {
        var signals = RiskSignals.None;
        if (_random.NextDouble() < 0.02)
        {
            signals |= RiskSignals.EmployerAbsconded;
        }

        if (_random.NextDouble() < 0.02)
        {
            signals |= RiskSignals.ProductionStopped;
        }

        // Gathering or petitioning is a group's act: likelier the more workers are owed (about 1% overall).
        var collective = workers >= 10 ? 0.06 : workers >= 5 ? 0.02 : 0.004;
        if (_random.NextDouble() < collective)
        {
            signals |= RiskSignals.CollectiveAction;
        }

        if (_random.NextDouble() < 0.02)
        {
            signals |= RiskSignals.OrderToPayIgnored;
        }

        return signals;
    }

    private decimal HalfMonthsUpTo(decimal longest) => _random.Next(1, (int)(longest * 2) + 1) / 2m;

    private decimal OtherClaimAmount(ClaimType claim, double wage) => claim switch
    {
        ClaimType.SocialInsurance => Hundreds(2000 + (28000 * _random.NextDouble())),
        ClaimType.Overtime => Hundreds(800 + (11200 * _random.NextDouble())),
        ClaimType.ContractTermination => Hundreds(wage * _random.Next(1, 9)),
        ClaimType.WorkInjury => Hundreds(20000 + (230000 * _random.NextDouble())),
        _ => Hundreds(500 + (7500 * _random.NextDouble())),
    };

    private static decimal Hundreds(double yuan) => (decimal)(Math.Round(yuan / 100, MidpointRounding.AwayFromZero) * 100);

    private string Description(
        SyntheticIndustry industry, ReadOnlyCollection<ClaimType> claims, int workers, decimal longest, bool allSame,
        decimal total, RiskSignals signals)
    {
        var employer = Places.Anonymised(industry);
        var amount = Yuan(total);
        var inv = CultureInfo.InvariantCulture;
        switch (claims[0])
        {
            case ClaimType.WageArrears:
                var months = (allSame ? "" : "最长") + MonthsWord(longest);
                // "1名工人反映" reads oddly, so a lone worker's complaint has its own wording.
                var template = _random.Next(3);
                var text = (workers == 1 && template == 1 ? 3 : template) switch
                {
                    0 => string.Create(inv, $"{employer}拖欠{workers}名工人{months}工资共计{amount}"),
                    1 => string.Create(inv, $"{workers}名工人反映{employer}拖欠{months}工资，共计{amount}"),
                    2 => string.Create(inv, $"{employer}以资金周转困难为由拖欠{workers}名职工{months}工资{amount}"),
                    _ => string.Create(inv, $"工人反映{employer}拖欠其{months}工资{amount}"),
                };
                return text + ExtraClaims(claims) + SignalWords(signals);
            case ClaimType.SocialInsurance:
                return string.Create(inv, $"{employer}未为{workers}名职工缴纳社会保险，涉及金额{amount}") + SignalWords(signals);
            case ClaimType.Overtime:
                return string.Create(inv, $"{workers}名职工要求{employer}支付加班工资共计{amount}") + SignalWords(signals);
            case ClaimType.ContractTermination:
                return string.Create(inv, $"{employer}解除与{workers}名职工的劳动合同未支付经济补偿，涉及{amount}") + SignalWords(signals);
            case ClaimType.WorkInjury:
                return (workers == 1
                    ? string.Create(inv, $"{employer}职工工伤待遇争议，诉求金额{amount}")
                    : string.Create(inv, $"{employer}{workers}名职工工伤待遇争议，诉求金额共计{amount}")) + SignalWords(signals);
            default:
                var topic = CaseTables.OtherTopics[_random.Next(CaseTables.OtherTopics.Length)];
                return string.Create(inv, $"{workers}名职工与{employer}就{topic}发生争议，涉及{amount}") + SignalWords(signals);
        }
    }

    private static string ExtraClaims(ReadOnlyCollection<ClaimType> claims)
    {
        var extra = "";
        for (var i = 1; i < claims.Count; i++)
        {
            extra += claims[i] switch
            {
                ClaimType.Overtime => "，另诉求支付加班费",
                ClaimType.SocialInsurance => "，并要求补缴社会保险",
                _ => "，并要求支付解除劳动合同经济补偿",
            };
        }

        return extra;
    }

    private static string SignalWords(RiskSignals signals)
    {
        if (signals == RiskSignals.None)
        {
            return "";
        }

        var words = "";
        if (signals.HasFlag(RiskSignals.EmployerAbsconded))
        {
            words += "，企业负责人已失联";
        }

        if (signals.HasFlag(RiskSignals.ProductionStopped))
        {
            words += "，企业已停工停产";
        }

        if (signals.HasFlag(RiskSignals.CollectiveAction))
        {
            words += "，部分工人聚集讨薪";
        }

        if (signals.HasFlag(RiskSignals.OrderToPayIgnored))
        {
            words += "，经责令支付逾期仍未履行";
        }

        return words;
    }

    /// <summary>半个月, 1个月, 1个半月, 2个月…</summary>
    private static string MonthsWord(decimal months)
    {
        var whole = (int)months;
        var half = months - whole >= 0.5m;
        return (whole, half) switch
        {
            (0, _) => "半个月",
            (_, true) => string.Create(CultureInfo.InvariantCulture, $"{whole}个半月"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{whole}个月"),
        };
    }

    /// <summary>3.6万元 from ten thousand up, 8500元 below.</summary>
    private static string Yuan(decimal amount) =>
        amount >= 10_000m
            ? (amount / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) + "万元"
            : amount.ToString("0", CultureInfo.InvariantCulture) + "元";

    private SyntheticCase WithOutcome(NewCase intake, RiskColor color, decimal owed)
    {
        var receivedAt = intake.ReceivedAt;
        var age = (_rangeEnd - receivedAt).TotalDays;
        var outcome = CaseTables.OutcomesForAge(age).Pick(_random);
        var maxEscalations = 3 - SyntheticCase.EntryLevelFor(color);
        var escalations = outcome switch
        {
            SyntheticOutcome.MediationFailed or SyntheticOutcome.Referred => maxEscalations,
            SyntheticOutcome.Rejected => 0,
            _ => Math.Min(maxEscalations, Escalations(age)),
        };

        var days = Days(outcome, escalations);

        // A case cannot move after the range ends: squeeze its timeline into the time it has had.
        days = Math.Min(days, age * 0.95);
        var outcomeAt = receivedAt.AddSeconds(Math.Floor(days * SecondsPerDay));

        AgreementTerms? agreement = null;
        var recovered = 0m;
        Referral? referral = null;
        FollowUp? followUp = null;
        string? reason = null;
        switch (outcome)
        {
            case SyntheticOutcome.AgreementReached:
                agreement = Agreement(owed, ChinaTime.DateOf(outcomeAt).AddDays(_random.Next(3, 31)));
                break;
            case SyntheticOutcome.Resolved or SyntheticOutcome.Closed:
                var paidOn = ChinaTime.DateOf(outcomeAt.AddDays(outcome == SyntheticOutcome.Closed ? -Math.Min(days / 2, 10) : 0));
                agreement = Agreement(owed, paidOn.AddDays(_random.Next(0, 11)));
                recovered = _random.NextDouble() < 0.92
                    ? agreement.Amount
                    : Math.Min(agreement.Amount, Hundreds((double)agreement.Amount * (0.8 + (0.2 * _random.NextDouble()))));
                if (outcome == SyntheticOutcome.Closed)
                {
                    var satisfaction = CaseTables.Satisfaction.Pick(_random);
                    followUp = new FollowUp(satisfaction, CaseTables.FollowUpNote(satisfaction));
                }

                break;
            case SyntheticOutcome.MediationFailed:
                reason = Pick(CaseTables.FailureReasons);
                break;
            case SyntheticOutcome.Referred:
                reason = Pick(CaseTables.FailureReasons);
                referral = Referral(intake.Signals, outcomeAt.Year);
                break;
            case SyntheticOutcome.Withdrawn:
                reason = Pick(CaseTables.WithdrawReasons);
                break;
            case SyntheticOutcome.Rejected:
                reason = Pick(CaseTables.RejectReasons);
                break;
        }

        return new SyntheticCase
        {
            Case = intake,
            Color = color,
            Outcome = outcome,
            Escalations = escalations,
            OutcomeAt = outcomeAt,
            Agreement = agreement,
            AmountRecovered = recovered,
            Referral = referral,
            FollowUp = followUp,
            Reason = reason,
        };
    }

    /// <summary>Most disputes settle at the level they enter; about a quarter climb.</summary>
    private int Escalations(double age)
    {
        var u = _random.NextDouble();
        return age < 3
            ? (u < 0.9 ? 0 : 1)
            : u < 0.75 ? 0 : u < 0.94 ? 1 : 2;
    }

    /// <summary>A natural time, in days from receipt, for the outcome to be reached.</summary>
    private double Days(SyntheticOutcome outcome, int escalations)
    {
        double Between(double low, double high) => low + ((high - low) * _random.NextDouble());

        var climb = 0d;
        for (var i = 0; i < escalations; i++)
        {
            climb += Between(2, 5);
        }

        var accepted = climb + Between(0.05, 2);
        return outcome switch
        {
            SyntheticOutcome.AwaitingAcceptance => climb + Between(0, 0.3),
            SyntheticOutcome.InMediation => accepted + Between(0, 3),
            SyntheticOutcome.AgreementReached => accepted + Between(1, 10),
            SyntheticOutcome.Resolved => accepted + Between(1, 10) + Between(1, 20),
            SyntheticOutcome.Closed => accepted + Between(1, 10) + Between(1, 20) + Between(5, 30),
            SyntheticOutcome.MediationFailed => climb + Between(3, 5),
            SyntheticOutcome.Referred => climb + Between(3, 5) + Between(0.5, 3),
            SyntheticOutcome.Withdrawn => climb + Between(0.5, 10),
            _ => Between(0.05, 3),
        };
    }

    private AgreementTerms Agreement(decimal owed, DateOnly due)
    {
        var amount = owed < 100m ? owed : Math.Min(owed, Hundreds((double)owed * (0.75 + (0.25 * _random.NextDouble()))));
        return new AgreementTerms(amount, due, CaseTables.AgreementMethods.Pick(_random));
    }

    private Referral Referral(RiskSignals signals, int year)
    {
        var body = signals.HasFlag(RiskSignals.EmployerAbsconded)
            ? CaseTables.AbscondedReferralBodies.Pick(_random)
            : CaseTables.ReferralBodies.Pick(_random);

        // Some bodies have not given their reference yet.
        if (_random.NextDouble() < 0.15)
        {
            return new Referral(body, null);
        }

        var n = _random.Next(1, 1500);
        var inv = CultureInfo.InvariantCulture;
        var reference = body switch
        {
            ReferralBody.Arbitration => string.Create(inv, $"{_referencePrefix}劳人仲案字〔{year}〕第{n}号"),
            ReferralBody.LabourInspection => string.Create(inv, $"{_referencePrefix}人社监〔{year}〕{n}号"),
            ReferralBody.Court => string.Create(inv, $"（{year}）{_courtCode}民初{n}号"),
            _ => string.Create(inv, $"{_referencePrefix}公（经）立字〔{year}〕{n}号"),
        };
        return new Referral(body, reference);
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];
}
