// A box per region to tick: "ECR from a profile" and the IAM Identity Center account picker both ask this way.
export function RegionBoxes({ regions, ticked, onToggle }: { regions: readonly string[]; ticked: ReadonlySet<string>; onToggle: (region: string, on: boolean) => void }) {
  return (
    <div className="region-grid">
      {regions.map((region) => (
        <label key={region} className="region-box">
          <input type="checkbox" checked={ticked.has(region)} onChange={(e) => onToggle(region, e.target.checked)} />
          <span className="mono">{region}</span>
        </label>
      ))}
    </div>
  );
}
