using MfaGateway.Risk.Travel;

namespace MfaGateway.Tests.Risk;

public sealed class ImpossibleTravelTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    // Coordinates as GeoLite2 gives them for the addresses in GeoTestData.
    private static readonly (double, double, int?) Lisbon = (38.7174, -9.1321, 1);
    private static readonly (double, double, int?) NewYork = (40.7359, -73.9904, 5);

    [Theory]
    [InlineData(38.7223, -9.1393, 40.7128, -74.0060, 5_420, 30)] // Lisbon - New York (city centres): ~5,420 km
    [InlineData(51.5074, -0.1278, 48.8566, 2.3522, 344, 5)] // London - Paris: ~344 km
    [InlineData(0, 0, 0, 180, 20_015, 10)] // half the equator
    [InlineData(10, 20, 10, 20, 0, 0.001)]
    public void Distances_match_the_known_great_circle_figures(double lat1, double lon1, double lat2, double lon2, double expectedKm, double toleranceKm) =>
        Assert.InRange(GreatCircle.DistanceKm(lat1, lon1, lat2, lon2), expectedKm - toleranceKm, expectedKm + toleranceKm);

    [Fact]
    public void Lisbon_to_New_York_in_10_minutes_is_impossible_and_in_10_hours_is_not()
    {
        var fast = ImpossibleTravel.Check(Lisbon, Start, NewYork, Start.AddMinutes(10), 1000);
        Assert.NotNull(fast);
        Assert.InRange(fast.DistanceKm, 5_350, 5_420); // after subtracting both accuracy radii
        Assert.InRange(fast.SpeedKmh, 32_000, 33_000);

        Assert.Null(ImpossibleTravel.Check(Lisbon, Start, NewYork, Start.AddHours(10), 1000));
    }

    [Fact]
    public void Places_whose_accuracy_circles_overlap_are_never_impossible_travel()
    {
        // 300 km apart, but each place is only known to within 200 km: the user may not have moved at all.
        Assert.Null(ImpossibleTravel.Check((38.7, -9.1, 200), Start, (41.15, -8.61, 200), Start, 1000));
    }

    [Fact]
    public void No_time_between_two_distant_places_is_impossible_travel() =>
        Assert.True(double.IsPositiveInfinity(ImpossibleTravel.Check(Lisbon, Start, NewYork, Start, 1000)!.SpeedKmh));
}
