package org.byzmarina.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A log axis labelled only at powers of ten ("1e-5"), as papers draw them: JFreeChart's own
 * LogAxis puts ticks at arbitrary multiples ("3.16E-1"). When the range spans less than one decade,
 * the two powers of ten around it are included in the range so that at least one label shows.
 */
final class DecadeAxis extends LogAxis {
    private DecadeAxis(String label) {
        super(label);
        setSmallestValue(1e-16);
    }

    static DecadeAxis of(String label) {
        return new DecadeAxis(label);
    }

    /** The label of 10^e. */
    static String label(int e) {
        return e == 0 ? "1" : e == 1 ? "10" : "1e" + e;
    }

    @Override
    protected void autoAdjustRange() {
        super.autoAdjustRange();
        double lo = getLowerBound();
        double hi = getUpperBound();
        if (lo > 0 && Math.floor(Math.log10(hi)) < Math.ceil(Math.log10(lo))) {
            setRange(new org.jfree.data.Range(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))), false, false);
        }
    }

    @Override
    protected List<ValueTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        List<ValueTick> ticks = new ArrayList<>();
        double lo = getLowerBound();
        double hi = getUpperBound();
        if (!(lo > 0) || !(hi > lo)) {
            return ticks;
        }
        int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
        int last = (int) Math.floor(Math.log10(hi) + 1e-9);
        int step = Math.max(1, (last - first) / 12 + 1); // at most about a dozen labels
        TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        for (int e = first; e <= last; e++) {
            boolean labelled = (e - first) % step == 0;
            ticks.add(new NumberTick(Math.pow(10, e), labelled ? label(e) : "", anchor, anchor, 0.0));
        }
        return ticks;
    }
}
