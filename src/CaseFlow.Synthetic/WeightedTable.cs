namespace CaseFlow.Synthetic;

/// <summary>Picks items in proportion to fixed weights; built once, read by every draw.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedTable(params (T Item, double Weight)[] entries)
    {
        if (entries.Length == 0)
        {
            throw new ArgumentException("A table needs at least one entry.", nameof(entries));
        }

        _items = new T[entries.Length];
        _cumulative = new double[entries.Length];
        var total = 0d;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Weight <= 0)
            {
                throw new ArgumentException("Weights must be positive.", nameof(entries));
            }

            total += entries[i].Weight;
            _items[i] = entries[i].Item;
            _cumulative[i] = total;
        }
    }

    public T Pick(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);

        // BinarySearch returns the complement of the first larger entry when the target falls between two.
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
