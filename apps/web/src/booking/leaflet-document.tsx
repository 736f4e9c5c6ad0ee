import type { ReactElement } from 'react';
import type { PatientLeaflet } from './booking-types.ts';

/** The patient information leaflet (ROS 4.4, 8.1; Appendix 4B), its sections as headings and lists. */
export function LeafletDocument(props: { leaflet: PatientLeaflet; headingId: string }): ReactElement {
  const { leaflet, headingId } = props;
  const dept = leaflet.contact.department;
  return (
    <div className="leaflet">
      <h3 id={headingId}>{leaflet.title}</h3>
      <p>{leaflet.introduction}</p>
      {leaflet.sections.map((s) => (
        <section key={s.heading} aria-label={s.heading}>
          <h4>{s.heading}</h4>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {s.items.length > 0 ? (
            <ul>
              {s.items.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <section aria-label={leaflet.contact.heading}>
        <h4>{leaflet.contact.heading}</h4>
        {dept.name !== null ? (
          <address className="leaflet-contact">
            <strong>{dept.name}</strong>
            {dept.address !== null ? <span className="letter-address">{dept.address}</span> : null}
            {dept.telephone !== null ? <span>Telephone: {dept.telephone}</span> : null}
            {dept.email !== null ? <span>Email: {dept.email}</span> : null}
          </address>
        ) : (
          <p>Our contact details are on your appointment letter.</p>
        )}
      </section>
    </div>
  );
}
